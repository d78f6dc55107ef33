package dev.switchboard.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.wire.anthropic.AnthropicFormat;
import dev.switchboard.wire.gemini.GeminiFormat;
import dev.switchboard.wire.openai.OpenAiChatFormat;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SignaturesTest {

    private static final WireFormat ANTHROPIC = AnthropicFormat.INSTANCE;
    private static final WireFormat GEMINI = GeminiFormat.INSTANCE;
    private static final WireFormat OPENAI = OpenAiChatFormat.INSTANCE;
    /** Anthropic's documented example signature: standard base64 with '+', '/' and padding. */
    private static final String CLAUDE_SIGNATURE =
            "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds+/NfMJ2Kq1Lx3uGzbyaFh5aZz7T/fGQ1xb0l8M7oNMrQHqd4xKjT2Qe9cH5+2J0Aw==";
    private static final String GEMINI_SIGNATURE = "CiIBVKhc7oDtYKhK+0WqRn/6sRkCq3B4dO1lJx8B9Q==";

    @Test
    void a_signature_for_a_caller_of_another_format_is_tagged_with_its_maker() {
        assertThat(Signatures.forCaller(CLAUDE_SIGNATURE, Optional.of(ANTHROPIC), GEMINI))
                .isEqualTo("swb1Anth" + CLAUDE_SIGNATURE);
        assertThat(Signatures.forCaller(GEMINI_SIGNATURE, Optional.of(GEMINI), ANTHROPIC))
                .isEqualTo("swb1Gemi" + GEMINI_SIGNATURE);
    }

    @Test
    void a_tagged_signature_is_still_base64_holding_the_original_bytes_after_six_tag_bytes() {
        String tagged = Signatures.forCaller(CLAUDE_SIGNATURE, Optional.of(ANTHROPIC), GEMINI);

        byte[] original = Base64.getDecoder().decode(CLAUDE_SIGNATURE);
        byte[] decoded = Base64.getDecoder().decode(tagged);
        assertThat(decoded).hasSize(original.length + 6).endsWith(original);
        assertThat(Base64.getUrlDecoder().decode(tagged.replace('+', '-').replace('/', '_'))).isEqualTo(decoded);
    }

    @Test
    void a_tagged_signature_goes_back_to_its_maker_exactly_as_it_was() {
        for (String signature : new String[] {CLAUDE_SIGNATURE, "sig", "not base64 at all! ==", "a+b/c=="}) {
            String tagged = Signatures.forCaller(signature, Optional.of(ANTHROPIC), GEMINI);

            assertThat(Signatures.forProvider(tagged, Optional.of(GEMINI), ANTHROPIC)).as(signature).contains(signature);
        }
        String tagged = Signatures.forCaller(GEMINI_SIGNATURE, Optional.of(GEMINI), ANTHROPIC);
        assertThat(Signatures.forProvider(tagged, Optional.of(ANTHROPIC), GEMINI)).contains(GEMINI_SIGNATURE);
    }

    @Test
    void a_signature_a_client_re_encoded_in_the_url_safe_alphabet_comes_back_in_the_standard_one() {
        String tagged = Signatures.forCaller(CLAUDE_SIGNATURE, Optional.of(ANTHROPIC), GEMINI);
        // What Python's google-genai sends back after holding the thoughtSignature as bytes.
        String reEncoded = Base64.getUrlEncoder().encodeToString(Base64.getDecoder().decode(tagged));
        String unpadded = Base64.getUrlEncoder().withoutPadding().encodeToString(Base64.getDecoder().decode(tagged));

        assertThat(reEncoded).startsWith("swb1Anth").contains("-", "_");
        assertThat(Signatures.forProvider(reEncoded, Optional.of(GEMINI), ANTHROPIC)).contains(CLAUDE_SIGNATURE);
        assertThat(Signatures.forProvider(unpadded, Optional.of(GEMINI), ANTHROPIC)).contains(CLAUDE_SIGNATURE);
    }

    @Test
    void a_tagged_signature_is_refused_by_every_provider_but_its_maker() {
        String claude = Signatures.forCaller(CLAUDE_SIGNATURE, Optional.of(ANTHROPIC), GEMINI);
        String gemini = Signatures.forCaller(GEMINI_SIGNATURE, Optional.of(GEMINI), ANTHROPIC);

        assertThat(Signatures.forProvider(claude, Optional.of(GEMINI), GEMINI)).isEmpty();
        assertThat(Signatures.forProvider(claude, Optional.of(ANTHROPIC), GEMINI)).isEmpty();
        assertThat(Signatures.forProvider(claude, Optional.empty(), OPENAI)).isEmpty();
        assertThat(Signatures.forProvider(gemini, Optional.of(ANTHROPIC), ANTHROPIC)).isEmpty();
        assertThat(Signatures.forProvider(gemini, Optional.empty(), ANTHROPIC)).isEmpty();
    }

    @Test
    void an_untagged_signature_goes_only_to_the_provider_of_the_requests_own_format() {
        assertThat(Signatures.forProvider(CLAUDE_SIGNATURE, Optional.of(ANTHROPIC), ANTHROPIC)).contains(CLAUDE_SIGNATURE);
        assertThat(Signatures.forProvider(GEMINI_SIGNATURE, Optional.of(GEMINI), GEMINI)).contains(GEMINI_SIGNATURE);
        assertThat(Signatures.forProvider(GEMINI_SIGNATURE, Optional.of(GEMINI), ANTHROPIC)).isEmpty();
        assertThat(Signatures.forProvider(CLAUDE_SIGNATURE, Optional.of(ANTHROPIC), GEMINI)).isEmpty();
        assertThat(Signatures.forProvider(CLAUDE_SIGNATURE, Optional.of(OPENAI), ANTHROPIC)).isEmpty();
    }

    @Test
    void a_request_built_in_code_keeps_its_untagged_signatures() {
        assertThat(Signatures.forProvider("sig", Optional.empty(), ANTHROPIC)).contains("sig");
    }

    @Test
    void nothing_is_tagged_without_translation_or_twice() {
        String tagged = "swb1Anth" + CLAUDE_SIGNATURE;

        assertThat(Signatures.forCaller(CLAUDE_SIGNATURE, Optional.of(ANTHROPIC), ANTHROPIC)).isEqualTo(CLAUDE_SIGNATURE);
        assertThat(Signatures.forCaller(CLAUDE_SIGNATURE, Optional.empty(), GEMINI)).isEqualTo(CLAUDE_SIGNATURE);
        assertThat(Signatures.forCaller(tagged, Optional.of(ANTHROPIC), GEMINI)).isEqualTo(tagged);
    }

    @Test
    void unsigned_thinking_of_another_format_gets_the_bare_tag_which_no_provider_takes() {
        String bare = Signatures.forCaller("", Optional.of(OPENAI), ANTHROPIC);

        assertThat(bare).isEqualTo("swb1Oapi");
        assertThat(Signatures.unsigned(bare)).isTrue();
        assertThat(Signatures.unsigned("")).isTrue();
        assertThat(Signatures.unsigned("swb1Anth" + CLAUDE_SIGNATURE)).isFalse();
        assertThat(Signatures.unsigned(CLAUDE_SIGNATURE)).isFalse();
        for (WireFormat provider : new WireFormat[] {ANTHROPIC, GEMINI, OPENAI}) {
            assertThat(Signatures.forProvider(bare, Optional.of(ANTHROPIC), provider)).as(provider.name()).isEmpty();
        }
        assertThat(Signatures.forProvider("swb1Gemi", Optional.of(GEMINI), GEMINI)).isEmpty();
    }

    @Test
    void a_signature_that_merely_starts_like_a_tag_is_not_one() {
        assertThat(Signatures.forProvider("swb1Xyz9abcd", Optional.of(GEMINI), GEMINI)).contains("swb1Xyz9abcd");
        assertThat(Signatures.forProvider("swb1Ant", Optional.of(GEMINI), GEMINI)).contains("swb1Ant");
    }

    @Test
    void a_url_safe_signature_reaches_a_caller_holding_bytes_as_standard_base64_and_goes_back_as_it_was() {
        WireFormat responses = dev.switchboard.wire.responses.ResponsesFormat.INSTANCE;
        byte[] bytes = new byte[60];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 37 + 250);
        }
        String fernet = Base64.getUrlEncoder().encodeToString(bytes);
        assertThat(fernet).containsAnyOf("-", "_");

        String forGemini = Signatures.forCaller(fernet, Optional.of(responses), GEMINI);

        assertThat(Base64.getDecoder().decode(forGemini)).endsWith(bytes);
        assertThat(Signatures.forProvider(forGemini, Optional.of(GEMINI), responses)).hasValue(fernet);
        assertThat(Signatures.forCaller(fernet, Optional.of(responses), OPENAI)).endsWith(fernet);
    }
}
