package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.store.KekPassphrase.Origin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KekPassphraseTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("state/kek-passphrase");
    }

    @Test
    void prefers_the_switchboard_variable_over_the_mlflow_ones() {
        KekPassphrase kek = KekPassphrase.resolve(Map.of(
                "SWITCHBOARD_KEK_PASSPHRASE", "ours",
                "MLFLOW_CRYPTO_KEK_PASSPHRASE", "mlflow",
                "MLFLOW_SECRETS_KEK_PASSPHRASE", "old"), file());

        assertThat(kek.passphrase()).isEqualTo("ours");
        assertThat(kek.origin()).isEqualTo(Origin.SWITCHBOARD_ENV);
        assertThat(kek.describe()).isEqualTo("from SWITCHBOARD_KEK_PASSPHRASE");
        assertThat(kek.isDefault()).isFalse();
        assertThat(file()).doesNotExist();
    }

    @Test
    void falls_back_to_the_mlflow_variable_then_its_old_name_skipping_blank_values() {
        KekPassphrase crypto = KekPassphrase.resolve(Map.of(
                "SWITCHBOARD_KEK_PASSPHRASE", "  ",
                "MLFLOW_CRYPTO_KEK_PASSPHRASE", "mlflow",
                "MLFLOW_SECRETS_KEK_PASSPHRASE", "old"), file());
        KekPassphrase old = KekPassphrase.resolve(Map.of(
                "MLFLOW_CRYPTO_KEK_PASSPHRASE", "",
                "MLFLOW_SECRETS_KEK_PASSPHRASE", "old"), file());

        assertThat(crypto.passphrase()).isEqualTo("mlflow");
        assertThat(crypto.origin()).isEqualTo(Origin.MLFLOW_ENV);
        assertThat(crypto.describe()).isEqualTo("from MLFLOW_CRYPTO_KEK_PASSPHRASE");
        assertThat(old.passphrase()).isEqualTo("old");
        assertThat(old.origin()).isEqualTo(Origin.MLFLOW_ENV);
        assertThat(old.describe()).isEqualTo("from MLFLOW_SECRETS_KEK_PASSPHRASE");
    }

    @Test
    void reads_the_version_in_the_same_order_and_defaults_to_one() {
        Map<String, String> base = Map.of("SWITCHBOARD_KEK_PASSPHRASE", "p");

        assertThat(KekPassphrase.resolve(base, file()).version()).isEqualTo(1);
        assertThat(KekPassphrase.resolve(with(base, "MLFLOW_SECRETS_KEK_VERSION", "2"), file()).version()).isEqualTo(2);
        assertThat(KekPassphrase.resolve(with(with(base, "MLFLOW_SECRETS_KEK_VERSION", "2"),
                "MLFLOW_CRYPTO_KEK_VERSION", " 3 "), file()).version()).isEqualTo(3);
        assertThat(KekPassphrase.resolve(with(with(base, "MLFLOW_CRYPTO_KEK_VERSION", "3"),
                "SWITCHBOARD_KEK_VERSION", "4"), file()).version()).isEqualTo(4);
    }

    @Test
    void rejects_a_version_that_is_not_a_positive_integer() {
        Map<String, String> base = Map.of("SWITCHBOARD_KEK_PASSPHRASE", "p");

        assertThatThrownBy(() -> KekPassphrase.resolve(with(base, "SWITCHBOARD_KEK_VERSION", "two"), file()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SWITCHBOARD_KEK_VERSION must be a whole number of at least 1, got 'two'");
        assertThatThrownBy(() -> KekPassphrase.resolve(with(base, "MLFLOW_CRYPTO_KEK_VERSION", "0"), file()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MLFLOW_CRYPTO_KEK_VERSION");
    }

    @Test
    void generates_an_owner_only_file_once_and_reuses_it() throws IOException {
        KekPassphrase first = KekPassphrase.resolve(Map.of(), file());
        KekPassphrase second = KekPassphrase.resolve(Map.of(), file());

        assertThat(first.origin()).isEqualTo(Origin.GENERATED_FILE);
        assertThat(first.isDefault()).isTrue();
        assertThat(first.passphrase()).matches("[A-Za-z0-9_-]{43}");
        assertThat(first.file()).contains(file().toAbsolutePath());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
        assertThat(first.insecurePermissions()).isFalse();
        assertThat(first.describe())
                .isEqualTo("generated on first start, in " + file().toAbsolutePath() + " (owner-only)");
        assertThat(second.passphrase()).isEqualTo(first.passphrase());
        try (var files = Files.list(file().getParent())) {
            assertThat(files).containsExactly(file());
        }
    }

    @Test
    void uses_an_existing_file_without_its_trailing_newline_and_flags_loose_permissions() throws IOException {
        Files.writeString(dir.resolve("kek"), "hand written passphrase\n");
        Files.setPosixFilePermissions(dir.resolve("kek"), PosixFilePermissions.fromString("rw-r--r--"));

        KekPassphrase kek = KekPassphrase.resolve(Map.of(), dir.resolve("kek"));

        assertThat(kek.passphrase()).isEqualTo("hand written passphrase");
        assertThat(kek.insecurePermissions()).isTrue();
        assertThat(kek.describe()).endsWith("(readable by group or others!)");
    }

    @Test
    void rejects_an_empty_passphrase_file() throws IOException {
        Files.writeString(dir.resolve("kek"), "\n");

        assertThatThrownBy(() -> KekPassphrase.resolve(Map.of(), dir.resolve("kek")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is empty");
    }

    @Test
    void never_prints_the_passphrase() {
        KekPassphrase kek = new KekPassphrase("hunter2-super-secret", 3, Origin.MLFLOW_ENV, Optional.empty());

        assertThat(kek.toString()).doesNotContain("hunter2").contains("passphrase=***", "version=3", "MLFLOW_ENV");
        assertThat(kek.describe()).isEqualTo("from MLFLOW_CRYPTO_KEK_PASSPHRASE");
    }

    private static Map<String, String> with(Map<String, String> env, String name, String value) {
        Map<String, String> copy = new HashMap<>(env);
        copy.put(name, value);
        return copy;
    }
}
