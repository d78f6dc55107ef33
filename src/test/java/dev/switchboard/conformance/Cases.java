package dev.switchboard.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * What the conformance cases say, in no particular format: the prompts, the one tool with its call
 * and result, the image, the token counts. Surfaces and provider kinds spell these in their own wire
 * format; the records are what a reader of either side hands back for the test to compare.
 */
final class Cases {

    static final ObjectMapper JSON = new ObjectMapper();

    static final String SYSTEM = "You are a terse weather bot.";
    static final String USER = "What is the weather in Paris?";
    static final String ANSWER = "It is sunny in Paris, 21 degrees.";
    static final List<String> PIECES = List.of("It is sun", "ny in Par", "is, 21 ", "degrees.");

    static final String TOOL = "get_weather";
    static final String TOOL_DESCRIPTION = "Get the current weather in a given city";
    static final JsonNode SCHEMA = parse("""
            {"type": "object",
             "properties": {"city": {"type": "string", "description": "The city, e.g. Paris"},
                            "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}},
             "required": ["city"]}""");
    static final JsonNode ARGS = parse("{\"city\": \"Paris\", \"unit\": \"celsius\"}");
    /** {@link #ARGS} cut in the middle of keys and values, as providers stream them. */
    static final List<String> ARG_PIECES = List.of("{\"ci", "ty\": \"Par", "is\", \"unit\"", ": \"celsius\"}");
    static final JsonNode RESULT = parse("{\"temperature\": 21, \"condition\": \"sunny\"}");

    static final String IMAGE_QUESTION = "What is in this image?";
    static final String IMAGE_MEDIA_TYPE = "image/png";
    /** A valid 1x1 PNG; its base64 holds a '+', which a careless URL or JSON codec would mangle. */
    static final String PNG_BASE64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    static final Usage USAGE = new Usage(123, 45);
    static final Usage SMALL_USAGE = new Usage(8, 4);

    static final String THINKING = "The user asks for 2 + 2. That is 4.";
    static final String SIGNATURE = "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds+/NfMJ2Kq1Lx3uGzbyaFh5aZz7T/fGQ1xb0l8M7oNMrQHqd4xKjT2Qe9cH5+2J0Aw==";
    static final String THOUGHTFUL_ANSWER = "2 + 2 = 4.";

    static final String BAD_REQUEST = "max_tokens: must be greater than or equal to 1 (conformance)";
    static final String RATE_LIMITED = "Rate limit reached for requests (conformance)";

    private Cases() {
    }

    /** What a caller asks for: always a system prompt and a user turn, plus what the flags add. */
    record Ask(boolean stream, boolean tool, boolean image, boolean toolTurn) {
        static Ask text() {
            return new Ask(false, false, false, false);
        }

        static Ask withTool() {
            return new Ask(false, true, false, false);
        }

        /** The user turn, the assistant's call of the tool, and the tool's result; the tool declared. */
        static Ask afterToolCall() {
            return new Ask(false, true, false, true);
        }

        static Ask withImage() {
            return new Ask(false, false, true, false);
        }

        Ask streamed() {
            return new Ask(true, tool, image, toolTurn);
        }
    }

    record Usage(int input, int output) {
    }

    /** A tool call: {@code id} is empty where the format has none (Gemini). */
    record ToolCall(String id, String name, JsonNode args) {
    }

    record Declared(String name, String description, JsonNode schema) {
    }

    /** An image as base64 with its media type. */
    record Image(String mediaType, String base64) {
    }

    /**
     * A tool call and its result as one upstream request carried them. {@code callKey} and
     * {@code resultKey} are what links them in that format (ids, or Gemini's function name).
     */
    record ToolTurn(ToolCall call, String callKey, String resultKey, JsonNode result, boolean resultAfterCall) {
    }

    record Thinking(String text, Optional<String> signature) {
    }

    /** A caller's error body, read in the caller's own error shape. */
    record CallerError(String kind, String message) {
    }

    /** What a caller saw in an event stream; {@code problems} lists error events and malformed frames. */
    record StreamSeen(String text, Optional<ToolCall> toolCall, Optional<Usage> usage, String stop,
            boolean terminated, List<String> problems) {
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    /** {@code json} (an object) with {@code field} set to the value {@code valueJson}. */
    static String with(String json, String field, String valueJson) {
        return ((ObjectNode) parse(json)).set(field, parse(valueJson)).toString();
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static ArrayNode array() {
        return JSON.createArrayNode();
    }

    /** A text that is a string, or an array of {@code {"text": ...}} parts, joined. */
    static String joinedText(JsonNode node) {
        if (node.isTextual()) {
            return node.asText();
        }
        StringBuilder text = new StringBuilder();
        node.forEach(part -> text.append(part.path("text").asText("")));
        return text.toString();
    }
}
