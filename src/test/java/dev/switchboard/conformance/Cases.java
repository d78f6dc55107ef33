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
    /** 1000 prompt tokens of which 600 were read from the cache and 200 written to it. */
    static final Usage CACHED_USAGE = new Usage(1000, 50, 600, 200, 0);
    /** 1000 prompt tokens, 300 read from the cache (formats with no cache writes). */
    static final Usage CACHE_READ_USAGE = new Usage(1000, 50, 300, 0, 0);
    /** 400 output tokens of which 320 were spent thinking. */
    static final Usage REASONING_USAGE = new Usage(90, 400, 0, 0, 320);

    static final String THINKING = "The user asks for 2 + 2. That is 4.";
    static final String SIGNATURE = "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds+/NfMJ2Kq1Lx3uGzbyaFh5aZz7T/fGQ1xb0l8M7oNMrQHqd4xKjT2Qe9cH5+2J0Aw==";
    static final String THOUGHTFUL_ANSWER = "2 + 2 = 4.";
    static final String GEMINI_SIGNATURE = "CiIBVKhc7oDtYKhK+0WqRn/6sRkCq3B4dO1lJx8B9Q==";

    static final JsonNode PARIS = ARGS;
    static final JsonNode LONDON = parse("{\"city\": \"London\", \"unit\": \"celsius\"}");
    static final JsonNode LONDON_RESULT = parse("{\"temperature\": 14, \"condition\": \"rain\"}");

    static final List<String> STOPS = List.of("\n\nHuman:", "END");
    static final String MATCHED_STOP = "END";
    static final double TEMPERATURE = 0.5;
    static final double TOP_P = 0.9;
    static final int TOP_K = 40;
    static final int MAX_TOKENS = 300;
    /** A thinking budget, and the effort OpenAI-format providers get for it (more than 8192 tokens). */
    static final int BUDGET = 10_000;
    static final String EFFORT = "high";

    static final String JSON_ANSWER = "{\"city\": \"Paris\", \"temperature\": 21}";
    static final JsonNode ANSWER_SCHEMA = parse("""
            {"type": "object",
             "properties": {"city": {"type": "string"}, "temperature": {"type": "integer"}},
             "required": ["city", "temperature"], "additionalProperties": false}""");
    static final String SCHEMA_NAME = "weather_report";

    static final String BAD_REQUEST = "max_tokens: must be greater than or equal to 1 (conformance)";
    static final String UNAUTHORIZED = "invalid x-api-key (conformance)";
    static final String NO_SUCH_MODEL = "The model does not exist or you do not have access to it (conformance)";
    static final String RATE_LIMITED = "Rate limit reached for requests (conformance)";
    static final String UNAVAILABLE = "The service is temporarily unavailable (conformance)";
    static final String OVERLOADED = "Overloaded (conformance)";
    static final String MID_STREAM = "An internal error occurred mid-stream (conformance)";
    static final String RETRY_AFTER = "7";

    static final List<String> EMBEDDING_INPUTS = List.of("The food was delicious", "The waiter was friendly");

    private Cases() {
    }

    /** What a caller asks for: always a system prompt and a user turn, plus what the fields add. */
    record Ask(Mode mode, boolean tool, boolean image, boolean toolTurn, Output output, boolean stops,
               boolean sampling, Think think) {

        /** The answer's shape the caller asks for. */
        enum Output { ANY, JSON_OBJECT, JSON_SCHEMA }

        /** Whether the caller asks for thinking: left to the model, on with a budget or effort, or off. */
        enum Think { DEFAULT, ON, OFF }

        static Ask text(Mode mode) {
            return new Ask(mode, false, false, false, Output.ANY, false, false, Think.DEFAULT);
        }

        static Ask withTool(Mode mode) {
            return text(mode).tool(true);
        }

        /** The user turn, the assistant's call of the tool, and the tool's result; the tool declared. */
        static Ask afterToolCall(Mode mode) {
            return new Ask(mode, true, false, true, Output.ANY, false, false, Think.DEFAULT);
        }

        static Ask withImage(Mode mode) {
            return new Ask(mode, false, true, false, Output.ANY, false, false, Think.DEFAULT);
        }

        boolean stream() {
            return mode.stream();
        }

        Ask tool(boolean tool) {
            return new Ask(mode, tool, image, toolTurn, output, stops, sampling, think);
        }

        Ask output(Output output) {
            return new Ask(mode, tool, image, toolTurn, output, stops, sampling, think);
        }

        Ask withStops() {
            return new Ask(mode, tool, image, toolTurn, output, true, sampling, think);
        }

        Ask withSampling() {
            return new Ask(mode, tool, image, toolTurn, output, stops, true, think);
        }

        Ask think(Think think) {
            return new Ask(mode, tool, image, toolTurn, output, stops, sampling, think);
        }
    }

    /**
     * Token counts in one meaning for every format: {@code input} includes the cached parts
     * ({@code cacheRead}, {@code cacheWrite}), {@code output} includes {@code reasoning}.
     */
    record Usage(int input, int output, int cacheRead, int cacheWrite, int reasoning) {
        Usage(int input, int output) {
            this(input, output, 0, 0, 0);
        }
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

    /** A thinking block: its text, and its signature where the format has a place for one. */
    record Thinking(String text, Optional<String> signature) {
    }

    /** A caller's error, read in the caller's own error shape. */
    record CallerError(String kind, String message) {
    }

    /**
     * What a caller saw, from a whole answer or an event stream: the assistant message in the
     * caller's format (a stream's events put together as its SDK would), the stop reason as the
     * format spells it, the usage, whether the answer ended properly, what was wrong with it (error
     * events, malformed frames), and the error event of a stream that reported one.
     */
    record Seen(JsonNode message, String stop, Optional<Usage> usage, boolean terminated, List<String> problems,
                Optional<CallerError> error) {
        Seen {
            problems = List.copyOf(problems);
        }
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
