package dev.switchboard.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The model's visible reasoning. {@code signature} is the provider's opaque proof of it (Anthropic's
 * {@code signature}, Gemini's {@code thoughtSignature}), kept byte-exact because the provider
 * rejects a later turn whose thinking does not verify. A signature that went to a caller of another
 * format comes back tagged with its maker ({@link Signatures}), and codecs send it only to that
 * provider. Unsigned thinking comes from providers such as DeepSeek ({@code reasoning_content}).
 */
public record Thinking(String text, Optional<String> signature, Map<String, JsonNode> extra) implements Content {

    public Thinking {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(signature, "signature");
        extra = Extra.copy(extra);
    }

    public Thinking(String text, Optional<String> signature) {
        this(text, signature, Map.of());
    }
}
