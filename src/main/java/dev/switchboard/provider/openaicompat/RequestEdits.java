package dev.switchboard.provider.openaicompat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.catalog.Invocation;
import java.util.List;
import java.util.Map;

/**
 * The request fields a provider drops or renames, from its entry in the provider table (e.g.
 * Mistral's {@code seed} is {@code random_seed}; Azure refuses {@code top_k}). Applied to every body
 * sent, translated or passed through.
 */
public record RequestEdits(List<String> drop, Map<String, String> rename) {

    /** No edits. */
    public static final RequestEdits NONE = new RequestEdits(List.of(), Map.of());

    public RequestEdits {
        drop = List.copyOf(drop);
        rename = Map.copyOf(rename);
    }

    /** The edits of a table entry. */
    public static RequestEdits of(Invocation.Callable callable) {
        return new RequestEdits(callable.drop(), callable.rename());
    }

    /**
     * Edits a body in place. Only top-level fields change: nested values are shared with the caller's
     * body (a format's pass-through copies only the top level). A rename never overwrites a field the
     * body already has.
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
    }
}
