package dev.switchboard.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The KEK passphrase and version the server runs with, and where they came from. With no passphrase
 * in the environment, a random one is generated once into an owner-only file rather than falling
 * back to a well-known default. {@link #toString()} never shows the passphrase.
 *
 * @param variable            the environment variable it was read from; empty for a file
 * @param file                the passphrase file; present only for {@link Origin#GENERATED_FILE}
 * @param insecurePermissions the file is readable or writable by group or others: warn at start-up
 */
public record KekPassphrase(String passphrase, int version, Origin origin, Optional<String> variable,
                            Optional<Path> file, boolean insecurePermissions) {

    /** Where the passphrase came from. */
    public enum Origin { SWITCHBOARD_ENV, MLFLOW_ENV, GENERATED_FILE }

    static final String SWITCHBOARD_PASSPHRASE = "SWITCHBOARD_KEK_PASSPHRASE";
    static final String MLFLOW_PASSPHRASE = "MLFLOW_CRYPTO_KEK_PASSPHRASE";
    static final String NEXT_PASSPHRASE = "SWITCHBOARD_KEK_NEXT_PASSPHRASE";
    static final String NEXT_VERSION = "SWITCHBOARD_KEK_NEXT_VERSION";
    static final String MLFLOW_OLD_PASSPHRASE = "MLFLOW_SECRETS_KEK_PASSPHRASE";
    private static final String[] VERSION_VARIABLES =
            {"SWITCHBOARD_KEK_VERSION", "MLFLOW_CRYPTO_KEK_VERSION", "MLFLOW_SECRETS_KEK_VERSION"};

    public KekPassphrase {
        if (passphrase.isBlank()) {
            throw new IllegalArgumentException("KEK passphrase must not be blank");
        }
        if (version < 1) {
            throw new IllegalArgumentException("KEK version must be at least 1, got " + version);
        }
        if (file.isPresent() != (origin == Origin.GENERATED_FILE) || variable.isPresent() == file.isPresent()) {
            throw new IllegalArgumentException("a passphrase comes from exactly one variable or one file");
        }
    }

    /** A passphrase from the environment, named after its origin's current variable. */
    public KekPassphrase(String passphrase, int version, Origin origin, Optional<Path> file) {
        this(passphrase, version, origin, switch (origin) {
            case SWITCHBOARD_ENV -> Optional.of(SWITCHBOARD_PASSPHRASE);
            case MLFLOW_ENV -> Optional.of(MLFLOW_PASSPHRASE);
            case GENERATED_FILE -> Optional.empty();
        }, file, false);
    }

    /**
     * Reads the passphrase from the first non-blank of SWITCHBOARD_KEK_PASSPHRASE,
     * MLFLOW_CRYPTO_KEK_PASSPHRASE and MLFLOW_SECRETS_KEK_PASSPHRASE; else from the file, which is
     * generated (owner-only) if missing. The version comes from the matching *_KEK_VERSION, default 1.
     *
     * @throws IllegalArgumentException if a version variable is not a positive integer, or the file is empty
     * @throws UncheckedIOException     if the file cannot be read or written
     */
    public static KekPassphrase resolve(Map<String, String> env, Path passphraseFile) {
        return resolve(env, Optional.of(passphraseFile));
    }

    /**
     * As above; with no file (a shared database, whose replicas must all use one passphrase), the
     * passphrase must be in the environment.
     *
     * @throws IllegalArgumentException if there is neither, or as above
     */
    public static KekPassphrase resolve(Map<String, String> env, Optional<Path> passphraseFile) {
        int version = version(env);
        for (String name : new String[] {SWITCHBOARD_PASSPHRASE, MLFLOW_PASSPHRASE, MLFLOW_OLD_PASSPHRASE}) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                Origin origin = name.equals(SWITCHBOARD_PASSPHRASE) ? Origin.SWITCHBOARD_ENV : Origin.MLFLOW_ENV;
                return new KekPassphrase(value, version, origin, Optional.of(name), Optional.empty(), false);
            }
        }
        Path file = passphraseFile.orElseThrow(() -> new IllegalArgumentException("No key-encryption passphrase: "
                + "on a shared database every replica must use the same one, so none is generated; set "
                + SWITCHBOARD_PASSPHRASE)).toAbsolutePath();
        try {
            if (Files.notExists(file)) {
                generate(file);
            }
            String passphrase = Files.readString(file, StandardCharsets.UTF_8).replaceFirst("[\r\n]+$", "");
            if (passphrase.isBlank()) {
                throw new IllegalArgumentException("KEK passphrase file " + file + " is empty");
            }
            return new KekPassphrase(passphrase, version, Origin.GENERATED_FILE, Optional.empty(),
                    Optional.of(file), openToOthers(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create KEK passphrase file " + file, e);
        }
    }

    /**
     * The key being rotated to, when {@code SWITCHBOARD_KEK_NEXT_PASSPHRASE} is set (its version from
     * {@code SWITCHBOARD_KEK_NEXT_VERSION}, by default one more than {@code currentVersion}): replicas
     * started with it open secrets wrapped by either key while {@code rotate-kek} runs.
     */
    public static Optional<KekPassphrase> next(Map<String, String> env, int currentVersion) {
        String value = env.get(NEXT_PASSPHRASE);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String versionText = env.get(NEXT_VERSION);
        int version = versionText == null || versionText.isBlank() ? currentVersion + 1
                : version(NEXT_VERSION, versionText);
        if (version == currentVersion) {
            throw new IllegalArgumentException(NEXT_VERSION + " must differ from the current key's version ("
                    + currentVersion + ")");
        }
        return Optional.of(new KekPassphrase(value, version, Origin.SWITCHBOARD_ENV, Optional.of(NEXT_PASSPHRASE),
                Optional.empty(), false));
    }

    /** True when no passphrase was configured and a generated one is in use. */
    public boolean isDefault() {
        return origin == Origin.GENERATED_FILE;
    }

    /** A start-up log phrase, e.g. "from SWITCHBOARD_KEK_PASSPHRASE". */
    public String describe() {
        return variable.map(name -> "from " + name).orElseGet(() -> "generated on first start, in "
                + file.orElseThrow() + (insecurePermissions ? " (readable by group or others!)" : " (owner-only)"));
    }

    @Override
    public String toString() {
        return "KekPassphrase[passphrase=***, version=" + version + ", origin=" + origin + ", variable="
                + variable + ", file=" + file + ", insecurePermissions=" + insecurePermissions + "]";
    }

    private static int version(Map<String, String> env) {
        for (String name : VERSION_VARIABLES) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return version(name, value);
            }
        }
        return 1;
    }

    /** A key version read from the variable {@code name}: a whole number of at least 1. */
    private static int version(String name, String value) {
        try {
            int version = Integer.parseInt(value.strip());
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number of at least 1, got '" + value + "'");
    }

    /** Writes a fresh passphrase to an owner-only file, unless another process wrote one first. */
    private static void generate(Path file) throws IOException {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        OwnerOnlyFile.create(file, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "\n");
    }

    private static boolean openToOthers(Path file) throws IOException {
        return OwnerOnlyFile.openToOthers(file);
    }
}
