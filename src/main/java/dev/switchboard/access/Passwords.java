package dev.switchboard.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password hashing with Argon2id (Bouncy Castle's implementation), stored in the PHC string format
 * ({@code $argon2id$v=19$m=7168,t=5,p=1$salt$hash}) so the parameters can be raised later while
 * old hashes still verify. The parameters are one of OWASP's equivalent recommendations, the one
 * with the least memory (7 MiB, five passes), which suits a gateway's small heap; each hash takes a
 * few tens of milliseconds, and at most {@link #CONCURRENT} run at once.
 */
public final class Passwords {

    private static final int MEMORY_KIB = 7 * 1024;
    private static final int ITERATIONS = 5;
    private static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final int CONCURRENT = 2;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Semaphore SLOTS = new Semaphore(CONCURRENT, true);

    private final SecureRandom random = new SecureRandom();
    private volatile String decoy;

    /** A new hash of {@code password}, with a fresh salt. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /**
     * A hash of a random password, made on first need: what a password for an unknown user name is
     * checked against, so that answer takes as long as one for a known name.
     */
    public String decoy() {
        String made = decoy;
        if (made == null) {
            synchronized (this) {
                made = decoy;
                if (made == null) {
                    made = hash(Tokens.random(16));
                    decoy = made;
                }
            }
        }
        return made;
    }

    /** Whether {@code password} is the one {@code stored} was made from; false for a malformed hash. */
    public boolean verify(String password, String stored) {
        Matcher m = PHC.matcher(stored);
        if (!m.matches()) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(m.group(4));
        byte[] expected = Base64.getDecoder().decode(m.group(5));
        byte[] actual = derive(password, salt, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)), expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int parallelism,
                                 int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build());
        byte[] out = new byte[length];
        SLOTS.acquireUninterruptibly();
        try {
            generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        } finally {
            SLOTS.release();
        }
        return out;
    }
}
