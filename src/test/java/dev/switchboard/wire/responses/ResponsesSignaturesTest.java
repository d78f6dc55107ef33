package dev.switchboard.wire.responses;

import static dev.switchboard.wire.responses.Fixtures.ENCRYPTED;
import static dev.switchboard.wire.responses.Fixtures.FORMAT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.Signatures;
import dev.switchboard.core.WireFormat;
import dev.switchboard.wire.anthropic.AnthropicFormat;
import dev.switchboard.wire.gemini.GeminiFormat;
import dev.switchboard.wire.openai.OpenAiChatFormat;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * OpenAI's encrypted reasoning through callers of other formats: tagged {@code swb1Resp}, and back
 * to a Responses provider exactly as it was written, in base64's URL-safe alphabet.
 */
class ResponsesSignaturesTest {

    private static final String TAGGED = "swb1Resp" + ENCRYPTED;

    @Test
    void encrypted_content_reaches_callers_of_other_formats_tagged_and_comes_back_as_it_was() {
        for (WireFormat caller : List.of(AnthropicFormat.INSTANCE, OpenAiChatFormat.INSTANCE)) {
            String tagged = Signatures.forCaller(ENCRYPTED, Optional.of(FORMAT), caller);
            assertThat(tagged).isEqualTo(TAGGED);
            assertThat(Signatures.forProvider(tagged, Optional.of(caller), FORMAT)).contains(ENCRYPTED);
        }
        // Gemini's callers hold thoughtSignature as bytes in standard base64: it goes to them in that alphabet.
        String forGemini = Signatures.forCaller(ENCRYPTED, Optional.of(FORMAT), GeminiFormat.INSTANCE);
        assertThat(forGemini).startsWith("swb1Resp").doesNotContain("-", "_");
        assertThat(Base64.getDecoder().decode(forGemini)).isEqualTo(Base64.getUrlDecoder().decode(TAGGED));
        assertThat(Signatures.forProvider(forGemini, Optional.of(GeminiFormat.INSTANCE), FORMAT)).contains(ENCRYPTED);
        assertThat(Signatures.forCaller(ENCRYPTED, Optional.of(FORMAT), FORMAT)).isEqualTo(ENCRYPTED);
    }

    @Test
    void a_client_that_rewrote_it_in_the_standard_alphabet_gets_the_url_safe_token_back_to_openai() {
        String standard = Base64.getEncoder().encodeToString(Base64.getUrlDecoder().decode(TAGGED));
        assertThat(standard).startsWith("swb1Resp").contains("+", "/");

        assertThat(Signatures.forProvider(standard, Optional.of(GeminiFormat.INSTANCE), FORMAT)).contains(ENCRYPTED);
    }

    @Test
    void no_other_provider_gets_it_and_a_responses_provider_gets_no_one_elses() {
        assertThat(Signatures.forProvider(TAGGED, Optional.of(FORMAT), AnthropicFormat.INSTANCE)).isEmpty();
        assertThat(Signatures.forProvider(TAGGED, Optional.of(FORMAT), GeminiFormat.INSTANCE)).isEmpty();
        assertThat(Signatures.forProvider(ENCRYPTED, Optional.of(FORMAT), OpenAiChatFormat.INSTANCE)).isEmpty();
        assertThat(Signatures.forProvider("swb1AnthEqQB", Optional.of(AnthropicFormat.INSTANCE), FORMAT)).isEmpty();
        assertThat(Signatures.forProvider("EqQB", Optional.of(AnthropicFormat.INSTANCE), FORMAT)).isEmpty();
        assertThat(Signatures.forProvider("swb1Resp", Optional.of(FORMAT), FORMAT)).isEmpty();
    }

    @Test
    void anthropic_and_gemini_signatures_still_come_back_in_the_standard_alphabet() {
        String claude = "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds+/NfMJ2Kq1Lx3uGzbyaFh5aZz7T/"
                + "fGQ1xb0l8M7oNMrQHqd4xKjT2Qe9cH5+2J0Aw==";
        String urlSafe = Base64.getUrlEncoder().encodeToString(Base64.getDecoder().decode("swb1Anth" + claude));

        assertThat(Signatures.forProvider(urlSafe, Optional.of(FORMAT), AnthropicFormat.INSTANCE)).contains(claude);
    }
}
