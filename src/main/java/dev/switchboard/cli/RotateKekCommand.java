package dev.switchboard.cli;

import dev.switchboard.Switchboard;
import dev.switchboard.store.Database;
import dev.switchboard.store.EnvelopeCrypto;
import dev.switchboard.store.KekPassphrase;
import dev.switchboard.store.SqlConfigStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard rotate-kek}: re-wraps every secret's data key under a new passphrase in one
 * transaction. Run it with the server stopped and the current passphrase in the environment.
 */
@Command(name = "rotate-kek", mixinStandardHelpOptions = true,
        description = "Re-encrypt all stored data keys under a new key-encryption passphrase.")
public final class RotateKekCommand implements Callable<Integer> {

    @Option(names = "--db", defaultValue = "${env:SWITCHBOARD_DB:-switchboard.db}",
            description = "SQLite file path or jdbc:postgresql: URL (default ${DEFAULT-VALUE}).")
    String db;

    @Option(names = "--new-passphrase", required = true, description = "The new key-encryption passphrase.")
    String newPassphrase;

    @Option(names = "--new-version", description = "The new key version (default: the current one plus 1).")
    Integer newVersion;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    public RotateKekCommand() {
        this(System.getenv());
    }

    /** For tests: the environment to read the current passphrase from. */
    public RotateKekCommand(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (newPassphrase.isBlank()) {
            err.println("The new passphrase must not be empty.");
            return 2;
        }
        try (Database database = Database.open(db)) {
            Optional<Path> file = Switchboard.passphraseFile(database);
            if (!hasEnvPassphrase(env) && file.filter(Files::exists).isEmpty()) {
                err.println("No current passphrase: set SWITCHBOARD_KEK_PASSPHRASE to the passphrase the secrets "
                        + "were stored with.");
                return 2;
            }
            KekPassphrase current = KekPassphrase.resolve(env, file);
            EnvelopeCrypto oldCrypto = new EnvelopeCrypto(EnvelopeCrypto.deriveKek(current.passphrase(), current.version()),
                    current.version(), new SecureRandom());
            SqlConfigStore store = new SqlConfigStore(database, oldCrypto, current.isDefault());
            if (!store.secretsStatus().available()) {
                err.println(store.secretsStatus().problem().orElse("Secrets are unavailable."));
                return 1;
            }
            int version = newVersion == null ? current.version() + 1 : newVersion;
            EnvelopeCrypto newCrypto = new EnvelopeCrypto(EnvelopeCrypto.deriveKek(newPassphrase, version), version,
                    new SecureRandom());
            int count = store.rotateKek(newCrypto);
            out.printf("Re-wrapped %d secret(s) under key version %d in %s.%n", count, version, database.describe());
            if (current.isDefault()) {
                Path generated = current.file().orElseThrow();
                Files.deleteIfExists(generated);
                out.println("Removed the generated passphrase file " + generated + ".");
            }
            out.printf("Start the server with SWITCHBOARD_KEK_PASSPHRASE set to the new passphrase and "
                    + "SWITCHBOARD_KEK_VERSION=%d.%n", version);
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("rotate-kek failed: " + StartupErrors.describe(e));
            return 1;
        }
    }

    private static boolean hasEnvPassphrase(Map<String, String> env) {
        return java.util.stream.Stream.of("SWITCHBOARD_KEK_PASSPHRASE", "MLFLOW_CRYPTO_KEK_PASSPHRASE",
                        "MLFLOW_SECRETS_KEK_PASSPHRASE")
                .map(env::get)
                .anyMatch(v -> v != null && !v.isBlank());
    }
}
