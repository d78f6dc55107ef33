package dev.switchboard.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption of provider credentials, byte-compatible with MLflow's
 * {@code mlflow/utils/crypto.py}, so secrets in an MLflow database can be read and written.
 * Each value gets its own random DEK (AES-256-GCM, AAD {@code id|name}); the DEK is wrapped by the
 * KEK derived from the passphrase. Thread-safe.
 */
public final class EnvelopeCrypto {

    /** Encrypted value and wrapped DEK, both {@code nonce(12) || ciphertext || tag(16)}. */
    public record Sealed(byte[] encryptedValue, byte[] wrappedDek, int kekVersion) {
        public Sealed {
            encryptedValue = encryptedValue.clone();
            wrappedDek = wrappedDek.clone();
        }

        @Override
        public byte[] encryptedValue() {
            return encryptedValue.clone();
        }

        @Override
        public byte[] wrappedDek() {
            return wrappedDek.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Sealed s && kekVersion == s.kekVersion
                    && Arrays.equals(encryptedValue, s.encryptedValue) && Arrays.equals(wrappedDek, s.wrappedDek);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(encryptedValue), Arrays.hashCode(wrappedDek), kekVersion);
        }

        @Override
        public String toString() {
            return "Sealed[encryptedValue=" + encryptedValue.length + " bytes, wrappedDek="
                    + wrappedDek.length + " bytes, kekVersion=" + kekVersion + "]";
        }
    }

    static final int PBKDF2_ITERATIONS = 600_000;
    private static final byte[] KEK_SALT = "mlflow-secrets-kek-v1-2025".getBytes(StandardCharsets.US_ASCII);
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final ObjectMapper JSON = Json.mapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final SecretKey kek;
    private final int kekVersion;
    private final SecureRandom random;
    /** During a rotation, the key being rotated to: it seals, and either key opens. */
    private final EnvelopeCrypto next;

    /** The KEK must come from {@link #deriveKek(String, int)} with the same {@code kekVersion}. */
    public EnvelopeCrypto(SecretKey kek, int kekVersion, SecureRandom random) {
        if (kek.getEncoded().length != KEY_BYTES) {
            throw new IllegalArgumentException("KEK must be 32 bytes");
        }
        if (kekVersion < 1) {
            throw new IllegalArgumentException("KEK version must be at least 1, got " + kekVersion);
        }
        this.kek = kek;
        this.kekVersion = kekVersion;
        this.random = Objects.requireNonNull(random);
        this.next = null;
    }

    private EnvelopeCrypto(EnvelopeCrypto current, EnvelopeCrypto next) {
        this.kek = current.kek;
        this.kekVersion = current.kekVersion;
        this.random = current.random;
        this.next = next;
    }

    /**
     * This key during a rotation to {@code next}: data keys wrapped by either are opened, and new
     * secrets are sealed with {@code next}, so replicas started with both keep working however
     * far the rotation has got ({@code switchboard rotate-kek} re-wraps the rest).
     */
    public EnvelopeCrypto rotatingTo(EnvelopeCrypto next) {
        if (next.kekVersion == kekVersion) {
            throw new IllegalArgumentException("The next key-encryption key needs a version other than the current "
                    + "one (" + kekVersion + ")");
        }
        return new EnvelopeCrypto(this, next);
    }

    /**
     * PBKDF2-HMAC-SHA256 over the UTF-8 passphrase, 600,000 iterations. As in MLflow, the salt is
     * the fixed {@code mlflow-secrets-kek-v1-2025} followed by the version as 4 big-endian bytes, so
     * the same passphrase gives a different KEK per version. Takes about half a second.
     */
    public static SecretKey deriveKek(String passphrase, int kekVersion) {
        return deriveKek(passphrase, kekVersion, PBKDF2_ITERATIONS);
    }

    static SecretKey deriveKek(String passphrase, int kekVersion, int iterations) {
        byte[] salt = ByteBuffer.allocate(KEK_SALT.length + 4).put(KEK_SALT).putInt(kekVersion).array();
        PBEKeySpec spec = new PBEKeySpec(passphrase.toCharArray(), salt, iterations, KEY_BYTES * 8);
        try {
            byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return new SecretKeySpec(key, "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is unavailable in this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** The version of the key that seals: the next one during a rotation. */
    public int kekVersion() {
        return next == null ? kekVersion : next.kekVersion;
    }

    /** Encrypts the value (as compact JSON, keys in the map's order) under a fresh DEK. */
    public Sealed seal(String secretId, String secretName, Map<String, String> value) {
        if (next != null) {
            return next.seal(secretId, secretName, value);
        }
        byte[] dek = randomBytes(KEY_BYTES);
        try {
            return sealWith(secretId, secretName, value, dek, randomBytes(NONCE_BYTES), randomBytes(NONCE_BYTES));
        } finally {
            Arrays.fill(dek, (byte) 0);
        }
    }

    /** {@link #seal} with caller-chosen DEK and nonces, so tests can reproduce a fixed vector. */
    Sealed sealWith(String secretId, String secretName, Map<String, String> value,
                    byte[] dek, byte[] valueNonce, byte[] dekNonce) {
        byte[] plaintext = toJson(value).getBytes(StandardCharsets.UTF_8);
        try {
            byte[] encrypted = encrypt(new SecretKeySpec(dek, "AES"), valueNonce, plaintext, aad(secretId, secretName));
            byte[] wrapped = encrypt(kek, dekNonce, dek, null);
            return new Sealed(encrypted, wrapped, kekVersion);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM encryption failed", e);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /**
     * Decrypts a value sealed by this class or by MLflow. A JSON object is the map; any other
     * plaintext (MLflow's plain-string secrets) becomes {@code {"api_key": plaintext}}.
     *
     * @throws SecretDecryptionException on a wrong KEK, a changed id or name, or corrupted bytes
     */
    public Map<String, String> open(String secretId, String secretName, byte[] encryptedValue, byte[] wrappedDek) {
        byte[] dek = unwrap(wrappedDek);
        try {
            byte[] plaintext = decrypt(new SecretKeySpec(dek, "AES"), encryptedValue, aad(secretId, secretName));
            return fromJson(new String(plaintext, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SecretDecryptionException();
        } finally {
            Arrays.fill(dek, (byte) 0);
        }
    }

    /** Whether this KEK unwraps the DEK: a cheap start-up check that the passphrase is right. */
    public boolean canUnwrap(byte[] wrappedDek) {
        try {
            Arrays.fill(unwrap(wrappedDek), (byte) 0);
            return true;
        } catch (SecretDecryptionException e) {
            return false;
        }
    }

    /** Unwraps with this KEK and wraps with the target's; the encrypted value stays as it is. */
    public byte[] rewrap(byte[] wrappedDek, EnvelopeCrypto target) {
        byte[] dek = unwrap(wrappedDek);
        try {
            EnvelopeCrypto sealing = target.next == null ? target : target.next;
            return encrypt(sealing.kek, sealing.randomBytes(NONCE_BYTES), dek, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM encryption failed", e);
        } finally {
            Arrays.fill(dek, (byte) 0);
        }
    }

    private byte[] unwrap(byte[] wrappedDek) {
        if (next != null) {
            try {
                return next.unwrap(wrappedDek);
            } catch (SecretDecryptionException e) {
                // wrapped by the current key: below
            }
        }
        try {
            byte[] dek = decrypt(kek, wrappedDek, null);
            if (dek.length != KEY_BYTES) {
                throw new SecretDecryptionException();
            }
            return dek;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SecretDecryptionException();
        }
    }

    private static byte[] encrypt(SecretKey key, byte[] nonce, byte[] plaintext, byte[] aad)
            throws GeneralSecurityException {
        if (nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("nonce must be 12 bytes");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
        if (aad != null) {
            cipher.updateAAD(aad);
        }
        byte[] sealed = cipher.doFinal(plaintext);
        byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
        System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
        return out;
    }

    private static byte[] decrypt(SecretKey key, byte[] blob, byte[] aad) throws GeneralSecurityException {
        if (blob.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("too short");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, blob, 0, NONCE_BYTES));
        if (aad != null) {
            cipher.updateAAD(aad);
        }
        return cipher.doFinal(blob, NONCE_BYTES, blob.length - NONCE_BYTES);
    }

    private static byte[] aad(String secretId, String secretName) {
        return (secretId + "|" + secretName).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String toJson(Map<String, String> value) {
        try {
            return JSON.writeValueAsString(new LinkedHashMap<>(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    /** Never lets a Jackson message escape: it may quote the plaintext. */
    private static Map<String, String> fromJson(String plaintext) {
        JsonNode node;
        try {
            node = JSON.readTree(plaintext);
        } catch (JsonProcessingException e) {
            return Map.of("api_key", plaintext);
        }
        if (node == null || !node.isObject()) {
            return Map.of("api_key", node != null && node.isTextual() ? node.textValue() : plaintext);
        }
        Map<String, String> map = new LinkedHashMap<>();
        node.properties().forEach(e -> map.put(e.getKey(),
                e.getValue().isTextual() ? e.getValue().textValue() : e.getValue().toString()));
        return Collections.unmodifiableMap(map);
    }
}
