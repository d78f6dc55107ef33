package dev.switchboard.provider;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.Credentials;
import dev.switchboard.testing.KeyLeaks;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyMaskTest {

    private static final String KEY = "sk-proj/Abc+def=0123456789wxyz";
    private static final String SECOND = "aws-secret-0123456789-QRST";

    private static Target target(Map<String, String> credentials) {
        return new Target("d1", "def", "openai", "gpt-4o", Optional.of(new Credentials(credentials)), Map.of(),
                Optional.empty());
    }

    private static KeyMask mask() {
        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("api_key", KEY);
        credentials.put("secret_access_key", SECOND);
        return KeyMask.of(target(credentials));
    }

    @Test
    void masks_every_secret_field_wherever_a_message_repeats_it_bearer_or_not() {
        String masked = mask().apply("Incorrect API key provided: Bearer " + KEY + "; also " + SECOND + " and " + KEY);

        KeyLeaks.assertNone("the message", masked, KEY);
        KeyLeaks.assertNone("the message", masked, SECOND);
        assertThat(masked).isEqualTo("Incorrect API key provided: Bearer sk-...wxyz; also aws...QRST and sk-...wxyz");
    }

    @Test
    void masks_a_key_echoed_json_escaped_or_url_encoded_in_a_body_which_stays_valid_json() throws Exception {
        String url = URLEncoder.encode(KEY, StandardCharsets.UTF_8);
        String body = "{\"error\": {\"message\": \"key " + KEY.replace("/", "\\/") + " at /check?key=" + url
                + " or %s\"}}".formatted(url.replace("+", "%20"));

        String masked = new String(mask().apply(body.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);

        KeyLeaks.assertNone("the body", masked, KEY);
        assertThat(new ObjectMapper().readTree(masked).at("/error/message").asText())
                .isEqualTo("key sk-...wxyz at /check?key=sk-...wxyz or sk-...wxyz");
    }

    @Test
    void masks_a_key_hidden_by_other_json_escapes_by_writing_the_body_anew() throws Exception {
        String escaped = KEY.chars().mapToObj(c -> c == 'A' || c == '/' ? String.format("\\u%04x", c) : Character.toString(c))
                .collect(java.util.stream.Collectors.joining());
        String body = "{\"error\": {\"message\": \"key " + escaped + "\", \"code\": 401}}";

        String masked = new String(mask().apply(body.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);

        assertThat(masked).as("the body, with no escape left to hide the key").doesNotContain("\\u");
        KeyLeaks.assertNone("the body", masked, KEY);
        assertThat(new ObjectMapper().readTree(masked)).isEqualTo(new ObjectMapper().readTree(
                "{\"error\": {\"message\": \"key sk-...wxyz\", \"code\": 401}}"));
    }

    @Test
    void leaves_every_other_byte_of_a_body_as_it_was_even_one_that_is_not_utf8() {
        byte[] before = {(byte) 0xC3, (byte) 0x28, ' ', (byte) 0xE9, ' '};
        byte[] after = {' ', (byte) 0xFF, (byte) 0xFE};
        byte[] key = KEY.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[before.length + key.length + after.length];
        System.arraycopy(before, 0, body, 0, before.length);
        System.arraycopy(key, 0, body, before.length, key.length);
        System.arraycopy(after, 0, body, before.length + key.length, after.length);

        byte[] masked = mask().apply(body);

        byte[] expectedMask = "sk-...wxyz".getBytes(StandardCharsets.UTF_8);
        assertThat(masked).startsWith(before).endsWith(after).hasSize(before.length + expectedMask.length + after.length);
    }

    @Test
    void a_body_without_a_key_is_returned_as_it_is() {
        byte[] body = "{\"error\": {\"message\": \"rate limited\"}}".getBytes(StandardCharsets.UTF_8);

        assertThat(mask().apply(body)).isSameAs(body);
    }

    @Test
    void a_target_without_credentials_masks_nothing() {
        Target keyless = new Target("d1", "def", "ollama", "llama3", Optional.empty(), Map.of(),
                Optional.of("no key"));

        assertThat(KeyMask.of(keyless).apply("nothing to hide")).isEqualTo("nothing to hide");
    }

    @Test
    void a_short_secret_is_masked_entirely() {
        assertThat(KeyMask.of(target(Map.of("api_key", "abc123"))).apply("key abc123 is wrong"))
                .isEqualTo("key *** is wrong");
    }
}
