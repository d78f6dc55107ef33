package dev.switchboard.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.switchboard.Switchboard;
import dev.switchboard.TestGateway;
import dev.switchboard.testing.KeyLeaks;
import dev.switchboard.testing.LogCapture;
import dev.switchboard.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first start with authentication on: the initial admin's password, generated into an
 * owner-only file or taken from SWITCHBOARD_ADMIN_PASSWORD, and the settings refused at start-up.
 */
class FirstStartTest {

    private static final Map<String, String> AUTH_ON = Map.of("SWITCHBOARD_KEK_PASSPHRASE", TestGateway.PASSPHRASE,
            "SWITCHBOARD_AUTH", "on");

    @TempDir
    Path dir;

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private static TestGateway.Response signIn(TestGateway gateway, String password) {
        return gateway.api("POST", "auth/sign-in",
                "{\"username\": \"admin\", \"password\": \"" + password.replace("\"", "\\\"") + "\"}");
    }

    private static Map<String, String> basic(String password) {
        return TestGateway.basic("admin", password);
    }

    @Test
    void without_a_password_given_one_is_generated_into_an_owner_only_file_that_the_log_names() throws Exception {
        assumeFalse(TestDatabase.postgresql(), "a generated password file is SQLite's: on a shared database the first start needs SWITCHBOARD_ADMIN_PASSWORD");
        Path file = dir.resolve("switchboard.db.admin-password");
        String password;
        try (TestGateway gateway = TestGateway.start(dir, AUTH_ON)) {
            assertThat(file).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            password = Files.readString(file).strip();
            assertThat(password).hasSizeGreaterThanOrEqualTo(Users.MIN_PASSWORD_LENGTH);

            TestGateway.Response signedIn = signIn(gateway, password);
            assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(200);
            assertThat(signedIn.text("/user/username")).isEqualTo("admin");
            assertThat(signedIn.json().at("/user/is_admin").asBoolean()).isTrue();
            TestGateway.Response wrong = signIn(gateway, password + "x");
            assertThat(wrong.status()).isEqualTo(401);
            KeyLeaks.assertNone("a refusal", wrong.body(), password);
            assertThat(gateway.send("GET", "/api/2.0/mlflow/users/list", null, basic(password)).status())
                    .isEqualTo(200);
        }
        assertThat(logs.text()).contains(file.toString()).contains("admin");
        KeyLeaks.assertNone("the log", logs.text(), password);
    }

    @Test
    void a_second_start_keeps_the_password_and_the_file() throws Exception {
        assumeFalse(TestDatabase.postgresql(), "a generated password file is SQLite's: on a shared database the first start needs SWITCHBOARD_ADMIN_PASSWORD");
        Path file = dir.resolve("switchboard.db.admin-password");
        try (TestGateway first = TestGateway.start(dir, AUTH_ON)) {
            assertThat(first.gateway().port()).isPositive();
        }
        String password = Files.readString(file).strip();

        try (TestGateway second = TestGateway.start(dir, AUTH_ON)) {
            assertThat(Files.readString(file).strip()).isEqualTo(password);
            assertThat(signIn(second, password).status()).isEqualTo(200);
        }
        try (TestGateway third = TestGateway.start(dir, Map.of("SWITCHBOARD_KEK_PASSPHRASE", TestGateway.PASSPHRASE,
                "SWITCHBOARD_AUTH", "on", "SWITCHBOARD_ADMIN_PASSWORD", "a different password given later"))) {
            assertThat(signIn(third, password).status()).as("a password given after the first start changes nothing")
                    .isEqualTo(200);
            assertThat(signIn(third, "a different password given later").status()).isEqualTo(401);
        }
        KeyLeaks.assertNone("the log", logs.text(), password);
    }

    @Test
    void a_password_given_in_the_environment_is_the_admins_and_no_file_is_written() {
        try (TestGateway gateway = TestGateway.withAuth(dir)) {
            assertThat(signIn(gateway, TestGateway.ADMIN_PASSWORD).status()).isEqualTo(200);
            TestGateway.Response anonymous = gateway.send("GET", "/api/2.0/mlflow/users/list", null);
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.text("/error_code")).isEqualTo("UNAUTHENTICATED");
        }
        assertThat(dir.resolve("switchboard.db.admin-password")).doesNotExist();
        KeyLeaks.assertNone("the log", logs.text(), TestGateway.ADMIN_PASSWORD);
    }

    @Test
    void a_short_admin_password_is_refused_and_nothing_is_created() {
        assertThatThrownBy(() -> TestGateway.start(dir, Map.of("SWITCHBOARD_KEK_PASSPHRASE", TestGateway.PASSPHRASE,
                "SWITCHBOARD_AUTH", "on", "SWITCHBOARD_ADMIN_PASSWORD", "too-short")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SWITCHBOARD_ADMIN_PASSWORD").hasMessageContaining("12")
                .hasMessageNotContaining("too-short");

        try (TestGateway gateway = TestGateway.withAuth(dir)) {
            assertThat(signIn(gateway, TestGateway.ADMIN_PASSWORD).status()).as("a later start may still set it")
                    .isEqualTo(200);
        }
        KeyLeaks.assertNone("the log", logs.text(), "too-short");
    }

    @Test
    void authentication_off_is_refused_off_loopback() {
        Map<String, String> off = Map.of("SWITCHBOARD_KEK_PASSPHRASE", TestGateway.PASSPHRASE, "SWITCHBOARD_AUTH", "off",
                "SWITCHBOARD_ALLOW_PRIVATE_API_BASE", "true");

        for (String host : java.util.List.of("0.0.0.0", "::", "[::]")) {
            assertThatThrownBy(() -> Switchboard.start(new Switchboard.Options(host, 0,
                    dir.resolve("switchboard.db").toString(), off)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Authentication can be turned off only").hasMessageContaining(host);
        }
        assertThat(dir.resolve("switchboard.db")).doesNotExist();
    }
}
