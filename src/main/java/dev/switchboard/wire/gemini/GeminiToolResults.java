package dev.switchboard.wire.gemini;

import static dev.switchboard.wire.gemini.GeminiFields.NODES;
import static dev.switchboard.wire.gemini.GeminiFields.get;
import static dev.switchboard.wire.gemini.GeminiFields.invalid;
import static dev.switchboard.wire.gemini.GeminiFields.objectOf;
import static dev.switchboard.wire.gemini.GeminiFields.requiredText;
import static dev.switchboard.wire.gemini.GeminiFields.rest;
import static dev.switchboard.wire.gemini.GeminiFields.text;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.Content;
import dev.switchboard.core.Document;
import dev.switchboard.core.Image;
import dev.switchboard.core.Json;
import dev.switchboard.core.Text;
import dev.switchboard.core.ToolResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code functionResponse} parts and {@link ToolResult}s, both ways, and function-call arguments.
 * Gemini's {@code response} must be a JSON object, the canonical result is content blocks:
 * <ul>
 * <li>decoding, {@code {"result": "text"}} (the shape this codec writes) becomes that text,
 *     {@code {"error": "text"}} becomes that text with {@code isError}, any other object becomes its
 *     JSON text; images and files in {@code functionResponse.parts} become image/document blocks;</li>
 * <li>encoding, the text blocks are joined: text that is a JSON object is sent as that object,
 *     other text is wrapped as {@code {"result": text}}, or {@code {"error": text}} when
 *     {@code isError} (Google documents {@code output} and {@code error} keys; {@code result} is what
 *     other gateways and the SDKs' automatic function calling send); images and documents go to
 *     {@code functionResponse.parts}.</li>
 * </ul>
 * The function name, which the canonical result lacks, is kept in its extra under
 * {@code functionResponse.name}; encoding a result from another format takes its call's name.
 */
final class GeminiToolResults {

    private static final ObjectMapper JSON = Json.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private GeminiToolResults() {
    }

    static ToolResult decode(JsonNode part, String path, GeminiCalls calls) {
        String frPath = path + ".functionResponse";
        JsonNode response = GeminiFields.object(part, "functionResponse", frPath).orElseThrow();
        String name = requiredText(response, "name", frPath + ".name");
        String id = calls.decodeResult(text(response, "id", frPath + ".id"), name);
        JsonNode body = GeminiFields.object(response, "response", frPath + ".response").orElse(null);
        List<Content> content = new ArrayList<>();
        boolean isError = false;
        if (body != null) {
            JsonNode error = body.size() == 1 ? body.get("error") : null;
            JsonNode result = body.size() == 1 ? body.get("result") : null;
            if (error != null) {
                isError = true;
                content.add(new Text(error.isTextual() && !isJsonObject(error.textValue()) ? error.textValue()
                        : body.toString()));
            } else if (result != null && result.isTextual() && !isJsonObject(result.textValue())) {
                content.add(new Text(result.textValue()));
            } else {
                content.add(new Text(body.toString()));
            }
        }
        List<JsonNode> parts = GeminiFields.list(response, "parts", frPath + ".parts");
        for (int i = 0; i < parts.size(); i++) {
            String partPath = frPath + ".parts[" + i + "]";
            JsonNode media = parts.get(i);
            if (!media.isObject() || (get(media, "inlineData") == null && get(media, "fileData") == null)) {
                throw invalid(partPath, "must have 'inlineData' or 'fileData'");
            }
            content.add(GeminiParts.media(media, partPath));
        }
        Map<String, JsonNode> extra = new LinkedHashMap<>(rest(part, Set.of("functionResponse")));
        Map<String, JsonNode> more = new LinkedHashMap<>();
        more.put("name", NODES.textNode(name));
        more.putAll(rest(response, Set.of("id", "name", "response", "parts")));
        extra.put("functionResponse", objectOf(more));
        return new ToolResult(id, content, isError, extra);
    }

    static ObjectNode encode(ToolResult result, boolean keepExtra, GeminiCalls calls) {
        JsonNode kept = keepExtra ? result.extra().get("functionResponse") : null;
        String name = kept != null && kept.path("name").isTextual() ? kept.get("name").textValue()
                : calls.resultName(result.toolCallId(), result.toolCallId());
        ObjectNode out = NODES.objectNode();
        calls.encodeResult(result.toolCallId(), name).ifPresent(id -> out.put("id", id));
        out.put("name", name);
        StringBuilder text = new StringBuilder();
        ArrayNode parts = NODES.arrayNode();
        for (Content block : result.content()) {
            switch (block) {
                case Text t -> text.append(t.text());
                case Image image -> GeminiParts.media(parts.addObject(), image.source(), image.extra(), keepExtra, true);
                case Document doc -> GeminiParts.media(parts.addObject(), doc.source(), doc.extra(), keepExtra, false);
                default -> { }
            }
        }
        out.set("response", response(text.toString(), result.isError()));
        if (!parts.isEmpty()) {
            out.set("parts", parts);
        }
        GeminiFields.deepMerge(out, kept);
        return out;
    }

    private static ObjectNode response(String text, boolean isError) {
        Optional<ObjectNode> object = parseObject(text);
        if (object.isPresent() && (!isError || object.get().has("error"))) {
            return object.get();
        }
        ObjectNode wrapped = NODES.objectNode();
        if (isError) {
            wrapped.put("error", text);
        } else if (!text.isEmpty()) {
            wrapped.put("result", text);
        }
        return wrapped;
    }

    /**
     * A call's arguments as the object Gemini requires: the parsed JSON text; {@code {}} when the text
     * is blank, not valid JSON or not an object (e.g. arguments cut off by an output limit).
     */
    static ObjectNode argsObject(String argumentsJson) {
        return parseObject(argumentsJson).orElseGet(NODES::objectNode);
    }

    static Optional<ObjectNode> parseObject(String text) {
        String trimmed = text.strip();
        if (!trimmed.startsWith("{")) {
            return Optional.empty();
        }
        try {
            return JSON.readTree(trimmed) instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean isJsonObject(String text) {
        return parseObject(text).isPresent();
    }
}
