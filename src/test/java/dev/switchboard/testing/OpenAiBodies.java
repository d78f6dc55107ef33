package dev.switchboard.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** JSON texts shaped like OpenAI's documented responses, for scripting a {@link FakeUpstream}. */
public final class OpenAiBodies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ID = "chatcmpl-fake";
    private static final long CREATED = 1_700_000_000L;

    private OpenAiBodies() {}

    /** A non-streamed {@code chat.completion} with one assistant choice that finished with "stop". */
    public static String chatCompletion(String model, String text, int promptTokens, int completionTokens) {
        ObjectNode completion = head("chat.completion", model);
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", text).putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", "stop");
        completion.set("usage", usage(promptTokens, completionTokens));
        return completion.toString();
    }

    /**
     * The {@code chat.completion.chunk} texts of a stream: a role chunk, one chunk per piece, a finish
     * chunk ("stop") and, with usage, a last chunk with {@code choices: []} counting 10 prompt tokens
     * and one completion token per piece.
     */
    public static List<String> chunks(String model, List<String> textPieces, boolean withUsage) {
        List<String> chunks = new ArrayList<>();
        chunks.add(chunk(model, delta -> delta.put("role", "assistant").put("content", ""), null, withUsage));
        for (String piece : textPieces) {
            chunks.add(chunk(model, delta -> delta.put("content", piece), null, withUsage));
        }
        chunks.add(chunk(model, delta -> { }, "stop", withUsage));
        if (withUsage) {
            ObjectNode last = head("chat.completion.chunk", model);
            last.putArray("choices");
            last.set("usage", usage(10, textPieces.size()));
            chunks.add(last.toString());
        }
        return List.copyOf(chunks);
    }

    /** An embeddings {@code list} of {@code count} vectors of {@code dims} small, distinct values. */
    public static String embeddings(int count, int dims) {
        ObjectNode list = JSON.createObjectNode().put("object", "list");
        ArrayNode data = list.putArray("data");
        for (int i = 0; i < count; i++) {
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            ArrayNode vector = item.putArray("embedding");
            for (int j = 0; j < dims; j++) {
                vector.add((i + 1) / 10.0 + j / 1000.0);
            }
        }
        list.put("model", "text-embedding-3-small");
        list.putObject("usage").put("prompt_tokens", count).put("total_tokens", count);
        return list.toString();
    }

    /** OpenAI's error envelope: {@code {"error": {"message", "type", "param": null, "code"}}}. */
    public static String error(String message, String type, String code) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error").put("message", message).put("type", type).putNull("param").put("code", code);
        return root.toString();
    }

    private static String chunk(String model, Consumer<ObjectNode> delta,
            String finishReason, boolean withUsage) {
        ObjectNode chunk = head("chat.completion.chunk", model);
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        delta.accept(choice.putObject("delta"));
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        if (withUsage) {
            chunk.putNull("usage");
        }
        return chunk.toString();
    }

    private static ObjectNode head(String object, String model) {
        return JSON.createObjectNode().put("id", ID).put("object", object).put("created", CREATED)
                .put("model", model).put("system_fingerprint", "fp_fake");
    }

    private static ObjectNode usage(int promptTokens, int completionTokens) {
        return JSON.createObjectNode().put("prompt_tokens", promptTokens)
                .put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
    }
}
