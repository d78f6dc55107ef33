package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EnvelopeCryptoTest {

    private static final int FAST = 1_000;
    private static final String ID = "s-0123456789abcdef0123456789abcdef";
    private static final String NAME = "openai-prod";
    private static final Map<String, String> VALUE = Map.of("api_key", "sk-test-0123456789abcdefXYZ");
    private static final HexFormat HEX = HexFormat.of();

    private static JsonNode vectors;

    private final EnvelopeCrypto crypto = crypto("correct horse battery staple", 1);

    @BeforeAll
    static void loadVectors() throws IOException {
        try (InputStream in = EnvelopeCryptoTest.class.getResourceAsStream("/fixtures/crypto/mlflow-vector.json")) {
            vectors = new ObjectMapper().readTree(in).get("vectors");
        }
    }

    private static EnvelopeCrypto crypto(String passphrase, int version) {
        return new EnvelopeCrypto(EnvelopeCrypto.deriveKek(passphrase, version, FAST), version, new SecureRandom());
    }

    @Test
    void opens_what_it_sealed() {
        EnvelopeCrypto.Sealed sealed = crypto.seal(ID, NAME, VALUE);

        assertThat(sealed.kekVersion()).isEqualTo(1);
        assertThat(sealed.wrappedDek()).hasSize(12 + 32 + 16);
        assertThat(crypto.open(ID, NAME, sealed.encryptedValue(), sealed.wrappedDek())).isEqualTo(VALUE);
    }

    @Test
    void while_rotating_it_opens_what_either_key_sealed_and_seals_with_the_next() {
        EnvelopeCrypto current = crypto("current passphrase", 1);
        EnvelopeCrypto next = crypto("next passphrase", 2);
        EnvelopeCrypto rotating = current.rotatingTo(next);
        EnvelopeCrypto.Sealed old = current.seal(ID, NAME, VALUE);
        EnvelopeCrypto.Sealed fresh = rotating.seal(ID, NAME, VALUE);

        assertThat(fresh.kekVersion()).isEqualTo(2);
        assertThat(next.open(ID, NAME, fresh.encryptedValue(), fresh.wrappedDek())).isEqualTo(VALUE);
        assertThat(rotating.open(ID, NAME, old.encryptedValue(), old.wrappedDek())).isEqualTo(VALUE);
        assertThat(rotating.open(ID, NAME, fresh.encryptedValue(), fresh.wrappedDek())).isEqualTo(VALUE);
        // Re-wrapped for the next key, the old secret opens with the next key alone.
        byte[] rewrapped = rotating.rewrap(old.wrappedDek(), next);
        assertThat(next.open(ID, NAME, old.encryptedValue(), rewrapped)).isEqualTo(VALUE);
        assertThat(current.canUnwrap(fresh.wrappedDek())).isFalse();
        assertThatThrownBy(() -> current.rotatingTo(crypto("other", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version other than the current");
    }

    @Test
    void keeps_the_order_of_several_fields() {
        Map<String, String> value = new LinkedHashMap<>();
        value.put("aws_secret_access_key", "secret");
        value.put("aws_access_key_id", "AKIA");
        EnvelopeCrypto.Sealed sealed = crypto.seal(ID, NAME, value);

        assertThat(crypto.open(ID, NAME, sealed.encryptedValue(), sealed.wrappedDek()))
                .containsExactly(Map.entry("aws_secret_access_key", "secret"), Map.entry("aws_access_key_id", "AKIA"));
    }

    @Test
    void uses_a_fresh_dek_and_nonce_for_every_seal() {
        EnvelopeCrypto.Sealed first = crypto.seal(ID, NAME, VALUE);
        EnvelopeCrypto.Sealed second = crypto.seal(ID, NAME, VALUE);

        assertThat(first.encryptedValue()).isNotEqualTo(second.encryptedValue());
        assertThat(first.wrappedDek()).isNotEqualTo(second.wrappedDek());
    }

    @Test
    void refuses_a_value_under_another_secret_id_or_name() {
        EnvelopeCrypto.Sealed sealed = crypto.seal(ID, NAME, VALUE);

        assertThatThrownBy(() -> crypto.open("s-other", NAME, sealed.encryptedValue(), sealed.wrappedDek()))
                .isInstanceOf(SecretDecryptionException.class)
                .hasMessage("Failed to decrypt secret. Check KEK passphrase, secret metadata, or database integrity.");
        assertThatThrownBy(() -> crypto.open(ID, "openai-dev", sealed.encryptedValue(), sealed.wrappedDek()))
                .isInstanceOf(SecretDecryptionException.class)
                .hasMessage("Failed to decrypt secret. Check KEK passphrase, secret metadata, or database integrity.");
    }

    @Test
    void refuses_a_wrong_passphrase_or_version_without_leaking_the_value() {
        EnvelopeCrypto.Sealed sealed = crypto.seal(ID, NAME, VALUE);

        List<EnvelopeCrypto> others = List.of(crypto("wrong passphrase", 1), crypto("correct horse battery staple", 2));
        for (EnvelopeCrypto other : others) {
            assertThatThrownBy(() -> other.open(ID, NAME, sealed.encryptedValue(), sealed.wrappedDek()))
                    .isInstanceOf(SecretDecryptionException.class)
                    .hasMessage(SecretDecryptionException.MESSAGE)
                    .hasMessageNotContaining("sk-test")
                    .hasNoCause();
            assertThat(other.canUnwrap(sealed.wrappedDek())).isFalse();
        }
        assertThat(crypto.canUnwrap(sealed.wrappedDek())).isTrue();
    }

    @Test
    void refuses_corrupted_or_truncated_bytes() {
        EnvelopeCrypto.Sealed sealed = crypto.seal(ID, NAME, VALUE);
        byte[] flipped = sealed.encryptedValue();
        flipped[flipped.length - 1] ^= 1;

        assertThatThrownBy(() -> crypto.open(ID, NAME, flipped, sealed.wrappedDek()))
                .isInstanceOf(SecretDecryptionException.class);
        assertThatThrownBy(() -> crypto.open(ID, NAME, new byte[5], sealed.wrappedDek()))
                .isInstanceOf(SecretDecryptionException.class);
        assertThat(crypto.canUnwrap(new byte[0])).isFalse();
    }

    @Test
    void rewraps_the_dek_for_a_new_kek_and_leaves_the_value_untouched() {
        EnvelopeCrypto.Sealed sealed = crypto.seal(ID, NAME, VALUE);
        EnvelopeCrypto next = crypto("a brand new passphrase", 2);

        byte[] rewrapped = crypto.rewrap(sealed.wrappedDek(), next);

        assertThat(next.open(ID, NAME, sealed.encryptedValue(), rewrapped)).isEqualTo(VALUE);
        assertThat(crypto.canUnwrap(rewrapped)).isFalse();
        assertThatThrownBy(() -> next.rewrap(sealed.wrappedDek(), crypto))
                .isInstanceOf(SecretDecryptionException.class);
    }

    @Test
    void derives_the_same_kek_as_node_with_600000_iterations() {
        for (JsonNode v : vectors) {
            SecretKey kek = EnvelopeCrypto.deriveKek(v.get("passphrase").asText(), v.get("kek_version").asInt());

            assertThat(HEX.formatHex(kek.getEncoded())).as(v.get("name").asText()).isEqualTo(v.get("kek_hex").asText());
        }
    }

    @Test
    void opens_every_node_vector_including_mlflow_json_formatting_and_plain_strings() {
        for (JsonNode v : vectors) {
            EnvelopeCrypto fromNode = fromVector(v);
            Map<String, String> opened = fromNode.open(v.get("secret_id").asText(), v.get("secret_name").asText(),
                    bytes(v, "encrypted_value_hex"), bytes(v, "wrapped_dek_hex"));

            Map<String, String> expected = new LinkedHashMap<>();
            v.get("expected").properties().forEach(e -> expected.put(e.getKey(), e.getValue().asText()));
            assertThat(opened).as(v.get("name").asText()).containsExactlyEntriesOf(expected);
        }
    }

    @Test
    void seals_the_first_node_vector_byte_for_byte() {
        JsonNode v = vectors.get(0);

        EnvelopeCrypto.Sealed sealed = fromVector(v).sealWith(
                v.get("secret_id").asText(), v.get("secret_name").asText(), VALUE,
                bytes(v, "dek_hex"), bytes(v, "value_nonce_hex"), bytes(v, "dek_nonce_hex"));

        assertThat(HEX.formatHex(sealed.encryptedValue())).isEqualTo(v.get("encrypted_value_hex").asText());
        assertThat(HEX.formatHex(sealed.wrappedDek())).isEqualTo(v.get("wrapped_dek_hex").asText());
    }

    @Test
    void never_prints_the_bytes_of_a_sealed_value() {
        assertThat(crypto.seal(ID, NAME, VALUE).toString()).startsWith("Sealed[encryptedValue=").contains("bytes");
    }

    /** Uses the KEK Node computed, so the slow 600,000-iteration derivation runs only in its own test. */
    private static EnvelopeCrypto fromVector(JsonNode v) {
        SecretKey kek = new SecretKeySpec(bytes(v, "kek_hex"), "AES");
        return new EnvelopeCrypto(kek, v.get("kek_version").asInt(), new SecureRandom());
    }

    private static byte[] bytes(JsonNode v, String field) {
        return HEX.parseHex(v.get(field).asText());
    }
}
