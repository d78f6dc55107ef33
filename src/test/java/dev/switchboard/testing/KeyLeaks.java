package dev.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Asserts that a text holds a key in none of the forms a provider may echo it in (as it is,
 * JSON-escaped, URL-encoded), without ever printing the key: a failure shows the text with each
 * occurrence replaced by {@code <THE KEY>}.
 */
public final class KeyLeaks {

    private static final String MARK = "<THE KEY>";

    private KeyLeaks() {
    }

    public static void assertNone(String what, String text, String key) {
        String redacted = text;
        for (String form : forms(key)) {
            redacted = redacted.replace(form, MARK);
        }
        assertThat(redacted).as("%s must not hold the key", what).doesNotContain(MARK);
    }

    /** The forms the key is searched in. */
    private static List<String> forms(String key) {
        return List.of(URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20"),
                URLEncoder.encode(key, StandardCharsets.UTF_8), key.replace("/", "\\/"), key);
    }
}
