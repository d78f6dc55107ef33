package dev.switchboard.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretMaskTest {

    @Test
    void shows_three_characters_dots_and_the_last_four() {
        assertThat(SecretMask.mask("sk-abcdefgh1234")).isEqualTo("sk-...1234");
    }

    @Test
    void hides_values_of_seven_characters_or_fewer_completely() {
        assertThat(SecretMask.mask("")).isEqualTo("***");
        assertThat(SecretMask.mask("abc")).isEqualTo("***");
        assertThat(SecretMask.mask("1234567")).isEqualTo("***");
    }

    @Test
    void masks_a_value_of_exactly_eight_characters() {
        assertThat(SecretMask.mask("12345678")).isEqualTo("123...5678");
    }

    @Test
    void shows_four_characters_of_github_token_prefixes() {
        assertThat(SecretMask.mask("ghp_abcdefghij9876")).isEqualTo("ghp_...9876");
        assertThat(SecretMask.mask("gho_abcdefghij9876")).isEqualTo("gho_...9876");
        assertThat(SecretMask.mask("ghu_abcdefghij9876")).isEqualTo("ghu_...9876");
        assertThat(SecretMask.mask("ghs_abcdefghij9876")).isEqualTo("ghs...9876");
    }

    @Test
    void counts_characters_not_utf16_units() {
        assertThat(SecretMask.mask("🔑🔑🔑🔑🔑🔑🔑")).isEqualTo("***");
        assertThat(SecretMask.mask("🔑🔑🔑abcd🔑")).isEqualTo("🔑🔑🔑...bcd🔑");
    }

    @Test
    void masks_every_value_and_keeps_the_key_order() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("aws_secret_access_key", "wJalrXUtnFEMI/K7MDENG");
        values.put("aws_access_key_id", "AKIAEXAMPLE");
        values.put("region", "short");

        assertThat(SecretMask.maskAll(values)).containsExactly(
                Map.entry("aws_secret_access_key", "wJa...DENG"),
                Map.entry("aws_access_key_id", "AKI...MPLE"),
                Map.entry("region", "***"));
    }
}
