package dev.switchboard.provider.openaicompat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.catalog.Invocation;
import java.util.List;
import java.util.Map;

/**
 * What a provider's entry in the provider table changes in every body sent to it, translated or
 * passed through: top-level fields it drops or renames (e.g. Mistral's {@code seed} is
 * {@code random_seed}; Azure refuses {@code top_k}), and, with {@code thinkingChunks}, the thinking
 * of the history's assistant messages moved from {@code reasoning_content} (which Mistral refuses)
 * into a leading {@code {"type": "thinking", "thinking": [{"type": "text", "text": ...}]}} content
 * chunk, as Mistral writes its own.
 */
public record RequestEdits(List<String> drop, Map<String, String> rename, boolean thinkingChunks) {

    /** No edits. */
    public static final RequestEdits NONE = new RequestEdits(List.of(), Map.of(), false);

    public RequestEdits {
        drop = List.copyOf(drop);
        rename = Map.copyOf(rename);
    }

    /** The edits of a table entry. */
    public static RequestEdits of(Invocation.Callable callable) {
        return new RequestEdits(callable.drop(), callable.rename(), callable.thinkingChunks());
    }

    /**
     * Edits a body in place. Only top-level fields change: nested values are shared with the caller's
     * body (a format's pass-through copies only the top level), so edited messages are copies in a
     * new list. A rename never overwrites a field the body already has.
     */
    public void apply(ObjectNode body) {
        for (String field : drop) {
            body.remove(field);
        }
        rename.forEach((from, to) -> {
            JsonNode value = body.remove(from);
            if (value != null && !body.has(to)) {
                body.set(to, value);
            }
        });
        if (thinkingChunks && body.get("messages") instanceof ArrayNode messages && hasReasoning(messages)) {
            ArrayNode edited = body.arrayNode(messages.size());
            for (JsonNode message : messages) {
                edited.add(hasReasoning(message) ? withThinkingChunk((ObjectNode) message) : message);
            }
            body.set("messages", edited);
        }
    }

    private static boolean hasReasoning(ArrayNode messages) {
        for (JsonNode message : messages) {
            if (hasReasoning(message)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasReasoning(JsonNode message) {
        return message instanceof ObjectNode && message.path("role").asText("").equals("assistant")
                && message.has("reasoning_content");
    }

    private static ObjectNode withThinkingChunk(ObjectNode message) {
        ObjectNode copy = message.objectNode();
        copy.setAll(message);
        JsonNode reasoning = copy.remove("reasoning_content");
        if (!reasoning.isTextual() || reasoning.textValue().isEmpty()) {
            return copy;
        }
        ArrayNode content = copy.arrayNode();
        ObjectNode thinking = content.addObject().put("type", "thinking");
        thinking.putArray("thinking").addObject().put("type", "text").put("text", reasoning.textValue());
        JsonNode given = message.get("content");
        if (given != null && given.isTextual() && !given.textValue().isEmpty()) {
            content.addObject().put("type", "text").put("text", given.textValue());
        } else if (given != null && given.isArray()) {
            content.addAll((ArrayNode) given);
        }
        copy.set("content", content);
        return copy;
    }
}
