package dev.switchboard.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A provider's complete answer. Usually one choice; several when the request asked for {@code n > 1}
 * (Gemini's {@code candidateCount}). {@link #content()} and {@link #stopReason()} read the first
 * choice, which is all most code needs. {@code model} is the model that answered, as the provider
 * named it. {@code extra} maps follow the rule of {@link ChatRequest}: re-emitted verbatim only by an
 * encoder of {@code sourceFormat}.
 */
public record ChatResponse(String id, Optional<String> model, List<Choice> choices, Usage usage,
                           Map<String, JsonNode> extra, Optional<WireFormat> sourceFormat) {

    /**
     * One alternative answer: an assistant message (its {@code extra} holds message-level fields such
     * as OpenAI's {@code refusal} or {@code annotations}) and why it ended; {@code extra} here holds
     * choice-level fields such as OpenAI's {@code logprobs}.
     */
    public record Choice(Message message, StopReason stopReason, Map<String, JsonNode> extra) {
        public Choice {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(stopReason, "stopReason");
            extra = Extra.copy(extra);
        }

        public Choice(List<Content> content, StopReason stopReason) {
            this(new Message(Role.ASSISTANT, content), stopReason, Map.of());
        }
    }

    public ChatResponse {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
        choices = List.copyOf(choices);
        Objects.requireNonNull(usage, "usage");
        extra = Extra.copy(extra);
        Objects.requireNonNull(sourceFormat, "sourceFormat");
    }

    /** The common case: one answer, built in code. */
    public ChatResponse(String id, Optional<String> model, List<Content> content, StopReason stopReason, Usage usage,
                        Map<String, JsonNode> extra) {
        this(id, model, List.of(new Choice(content, stopReason)), usage, extra, Optional.empty());
    }

    /** The content of the first choice; empty if the provider returned no choice. */
    public List<Content> content() {
        return choices.isEmpty() ? List.of() : choices.getFirst().message().content();
    }

    /** Why the first choice ended; {@link StopReason#UNKNOWN} if there is none. */
    public StopReason stopReason() {
        return choices.isEmpty() ? StopReason.UNKNOWN : choices.getFirst().stopReason();
    }

    /** Whether the {@code extra} maps of this response are in {@code format}'s naming (or in no particular one). */
    public boolean extraApplies(WireFormat format) {
        return sourceFormat.isEmpty() || sourceFormat.get() == format;
    }
}
