package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.TestGateway;
import dev.switchboard.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a shared database (PostgreSQL) nothing is generated into a file: every replica needs the same
 * key-encryption passphrase, and the first admin's password, from the environment. Runs in the
 * PostgreSQL pass of the tests.
 */
class SharedDatabaseStartTest {

    @TempDir
    Path dir;

    @Test
    void without_a_passphrase_in_the_environment_the_gateway_does_not_start_and_says_why() throws IOException {
        assumeTrue(TestDatabase.postgresql(), "a shared database is PostgreSQL");

        assertThatThrownBy(() -> TestGateway.start(dir, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No key-encryption passphrase: on a shared database every replica must use the same one, "
                        + "so none is generated; set SWITCHBOARD_KEK_PASSPHRASE");
        assertNoFileWritten();
    }

    @Test
    void the_first_start_with_authentication_on_needs_the_admins_password_in_the_environment() throws IOException {
        assumeTrue(TestDatabase.postgresql(), "a shared database is PostgreSQL");

        assertThatThrownBy(() -> TestGateway.start(dir, Map.of("SWITCHBOARD_KEK_PASSPHRASE", TestGateway.PASSPHRASE,
                "SWITCHBOARD_AUTH", "on")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("There is no user yet: on a shared database")
                .hasMessageContaining("set SWITCHBOARD_ADMIN_PASSWORD for the first start");
        assertNoFileWritten();

        try (TestGateway gateway = TestGateway.withAuth(dir)) {
            assertThat(gateway.send("GET", TestGateway.API + "secrets/list", null,
                    TestGateway.basic("admin", TestGateway.ADMIN_PASSWORD)).status()).isEqualTo(200);
        }
    }

    /** Neither the test's directory nor the working directory gained a passphrase or password file. */
    private void assertNoFileWritten() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
        assertThat(Path.of("switchboard.passphrase")).doesNotExist();
        assertThat(Path.of("switchboard.admin-password")).doesNotExist();
    }
}
