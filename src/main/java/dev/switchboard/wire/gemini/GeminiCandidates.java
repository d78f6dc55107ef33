package dev.switchboard.wire.gemini;

import static dev.switchboard.wire.gemini.GeminiFields.NODES;
import static dev.switchboard.wire.gemini.GeminiFields.rest;
import static dev.switchboard.wire.gemini.GeminiFields.textOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatResponse;
import dev.switchboard.core.Content;
import dev.switchboard.core.Message;
import dev.switchboard.core.Role;
import dev.switchboard.core.Signatures;
import dev.switchboard.core.StopReason;
import dev.switchboard.core.ToolCall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code candidates} of a response and the canonical choices, both ways. Candidate fields the
 * model does not name ({@code safetyRatings}, {@code citationMetadata}, {@code groundingMetadata},
 * {@code index}, ...) go to the choice's extra. A {@code finishReason} the canonical reason does not
 * give back exactly ({@code RECITATION} is a content filter, written back as {@code SAFETY}), or a
 * missing one, is kept in the choice's extra under {@code finishReason}, so a Gemini response goes
 * back unchanged. Another provider's thinking signature is tagged with its maker (see
 * {@link Signatures}).
 */
final class GeminiCandidates {

    private GeminiCandidates() {
    }

    static List<ChatResponse.Choice> decode(JsonNode body) {
        JsonNode candidates = body.path("candidates");
        if (!candidates.isArray() || candidates.isEmpty()) {
            return blockReason(body).isPresent()
                    ? List.of(new ChatResponse.Choice(List.of(), StopReason.CONTENT_FILTER)) : List.of();
        }
        List<ChatResponse.Choice> choices = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            JsonNode candidate = candidates.get(i);
            JsonNode content = candidate.path("content");
            String path = "candidates[" + i + "].content";
            List<Content> blocks = content.isObject()
                    ? GeminiContents.decodeParts(content, path, GeminiCalls.forResponse()) : List.of();
            Map<String, JsonNode> messageExtra = content.isObject() ? rest(content, Set.of("parts", "role")) : Map.of();
            Optional<String> finish = textOf(candidate.get("finishReason"));
            StopReason reason = GeminiFinishReasons.decode(finish,
                    blocks.stream().anyMatch(ToolCall.class::isInstance));
            Map<String, JsonNode> extra = new LinkedHashMap<>(rest(candidate, Set.of("content", "finishReason")));
            if (finish.isEmpty()) {
                extra.put("finishReason", NODES.nullNode());
            } else if (!GeminiFinishReasons.encode(reason).equals(finish.get())) {
                extra.put("finishReason", NODES.textNode(finish.get()));
            }
            choices.add(new ChatResponse.Choice(new Message(Role.ASSISTANT, blocks, Optional.empty(), messageExtra),
                    reason, extra));
        }
        return choices;
    }

    /** The candidates; none for a blocked prompt decoded from Gemini (see {@link #decode}). */
    static ArrayNode encode(ChatResponse response, boolean keep) {
        ArrayNode out = NODES.arrayNode();
        List<ChatResponse.Choice> choices = response.choices();
        if (keep && blockReason(response.extra()).isPresent() && choices.size() == 1
                && choices.getFirst().message().content().isEmpty()
                && choices.getFirst().stopReason() == StopReason.CONTENT_FILTER) {
            return out;
        }
        Function<String, Optional<String>> forCaller =
                signature -> Optional.of(Signatures.forCaller(signature, response.sourceFormat(), GeminiFormat.INSTANCE));
        for (int i = 0; i < choices.size(); i++) {
            ChatResponse.Choice choice = choices.get(i);
            ObjectNode candidate = out.addObject();
            ObjectNode content = candidate.putObject("content");
            content.set("parts", GeminiContents.parts(choice.message(), keep, forCaller, GeminiCalls.forRequest()));
            content.put("role", "model");
            GeminiFields.putExtra(content, choice.message().extra(), keep);
            JsonNode keptReason = keep ? choice.extra().get("finishReason") : null;
            if (keptReason == null) {
                candidate.put("finishReason", GeminiFinishReasons.encode(choice.stopReason()));
            } else if (keptReason.isTextual()) {
                candidate.set("finishReason", keptReason);
            }
            if (choices.size() > 1) {
                candidate.put("index", i);
            }
            if (keep) {
                choice.extra().forEach((key, value) -> {
                    if (!key.equals("finishReason")) {
                        candidate.putIfAbsent(key, value);
                    }
                });
            }
        }
        return out;
    }

    private static Optional<String> blockReason(JsonNode body) {
        return textOf(body.path("promptFeedback").get("blockReason"));
    }

    private static Optional<String> blockReason(Map<String, JsonNode> extra) {
        JsonNode feedback = extra.get("promptFeedback");
        return feedback == null ? Optional.empty() : textOf(feedback.get("blockReason"));
    }
}
