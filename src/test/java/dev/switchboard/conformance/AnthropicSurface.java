package dev.switchboard.conformance;

import static dev.switchboard.conformance.Cases.ANSWER_SCHEMA;
import static dev.switchboard.conformance.Cases.ARGS;
import static dev.switchboard.conformance.Cases.BUDGET;
import static dev.switchboard.conformance.Cases.IMAGE_MEDIA_TYPE;
import static dev.switchboard.conformance.Cases.IMAGE_QUESTION;
import static dev.switchboard.conformance.Cases.MAX_TOKENS;
import static dev.switchboard.conformance.Cases.PNG_BASE64;
import static dev.switchboard.conformance.Cases.RESULT;
import static dev.switchboard.conformance.Cases.SCHEMA;
import static dev.switchboard.conformance.Cases.STOPS;
import static dev.switchboard.conformance.Cases.SYSTEM;
import static dev.switchboard.conformance.Cases.TEMPERATURE;
import static dev.switchboard.conformance.Cases.TOOL;
import static dev.switchboard.conformance.Cases.TOOL_DESCRIPTION;
import static dev.switchboard.conformance.Cases.TOP_K;
import static dev.switchboard.conformance.Cases.USER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.conformance.Cases.Ask;
import dev.switchboard.conformance.Cases.CallerError;
import dev.switchboard.conformance.Cases.Seen;
import dev.switchboard.conformance.Cases.Thinking;
import dev.switchboard.conformance.Cases.ToolCall;
import dev.switchboard.conformance.Cases.Usage;
import dev.switchboard.conformance.SseFrames.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/** Anthropic Messages: {@code POST /gateway/anthropic/v1/messages}, {@code model} names the endpoint. */
final class AnthropicSurface implements Surface {

    static final String TOOL_USE_ID = "toolu_01A09q90qw90lq917835lq9";
    static final String BETA = "prompt-caching-2024-07-31";

    @Override
    public Format format() {
        return Format.ANTHROPIC;
    }

    @Override
    public String path(String endpoint, boolean stream) {
        return "/gateway/anthropic/v1/messages";
    }

    @Override
    public String request(String endpoint, Ask ask) {
        int maxTokens = ask.sampling() ? MAX_TOKENS : ask.think() == Ask.Think.ON ? BUDGET + 4096 : 256;
        ObjectNode body = Cases.object().put("model", endpoint).put("max_tokens", maxTokens).put("system", SYSTEM);
        ArrayNode messages = body.putArray("messages");
        ObjectNode user = messages.addObject().put("role", "user");
        if (ask.image()) {
            ArrayNode blocks = user.putArray("content");
            blocks.addObject().put("type", "image").putObject("source").put("type", "base64")
                    .put("media_type", IMAGE_MEDIA_TYPE).put("data", PNG_BASE64);
            blocks.addObject().put("type", "text").put("text", IMAGE_QUESTION);
        } else {
            user.put("content", USER);
        }
        if (ask.toolTurn()) {
            messages.addObject().put("role", "assistant").putArray("content").addObject().put("type", "tool_use")
                    .put("id", TOOL_USE_ID).put("name", TOOL).set("input", ARGS);
            messages.addObject().put("role", "user").putArray("content").addObject().put("type", "tool_result")
                    .put("tool_use_id", TOOL_USE_ID).put("content", RESULT.toString());
        }
        if (ask.tool()) {
            body.putArray("tools").addObject().put("name", TOOL).put("description", TOOL_DESCRIPTION)
                    .set("input_schema", SCHEMA);
        }
        switch (ask.output()) {
            case JSON_SCHEMA -> body.putObject("output_config").putObject("format").put("type", "json_schema")
                    .set("schema", ANSWER_SCHEMA);
            case JSON_OBJECT -> throw new AssertionError("Anthropic's Messages API has no JSON mode");
            case ANY -> { }
        }
        if (ask.stops()) {
            ArrayNode stop = body.putArray("stop_sequences");
            STOPS.forEach(stop::add);
        }
        if (ask.sampling()) {
            // Claude 4.5 models take temperature or top_p, not both: a caller of Claude sends one.
            body.put("temperature", TEMPERATURE).put("top_k", TOP_K);
        }
        switch (ask.think()) {
            case ON -> body.putObject("thinking").put("type", "enabled").put("budget_tokens", BUDGET);
            case OFF -> body.putObject("thinking").put("type", "disabled");
            case DEFAULT -> { }
        }
        if (ask.stream()) {
            body.put("stream", true);
        }
        return body.toString();
    }

    /** The content as received in an assistant turn, then a user turn of one tool_result per tool_use. */
    @Override
    public String continuation(String first, Seen answer, Function<ToolCall, JsonNode> results) {
        ObjectNode body = (ObjectNode) Cases.parse(first);
        ArrayNode messages = (ArrayNode) body.get("messages");
        messages.addObject().put("role", "assistant").set("content", answer.message().path("content"));
        ArrayNode blocks = messages.addObject().put("role", "user").putArray("content");
        for (ToolCall call : toolCalls(answer.message())) {
            blocks.addObject().put("type", "tool_result").put("tool_use_id", call.id())
                    .put("content", results.apply(call).toString());
        }
        return body.toString();
    }

    @Override
    public Map<String, String> formatHeaders() {
        return Map.of("anthropic-beta", BETA, "anthropic-version", "2023-06-01");
    }

    @Override
    public Seen seen(JsonNode answer) {
        assertThat(answer.path("type").asText()).as("type of %s", answer).isEqualTo("message");
        assertThat(answer.path("role").asText()).as("role in %s", answer).isEqualTo("assistant");
        return new Seen(answer, answer.path("stop_reason").asText(), Optional.of(usage(answer.path("usage"),
                new Usage(-1, -1))), true, List.of(), Optional.empty());
    }

    /** Puts the events together into one message, as the SDKs' accumulators do. */
    @Override
    public Seen seen(String stream) {
        List<String> problems = new ArrayList<>();
        Map<Integer, ObjectNode> blocks = new TreeMap<>();
        Map<Integer, StringBuilder> partialJson = new TreeMap<>();
        ObjectNode message = Cases.object();
        Usage usage = new Usage(-1, -1);
        Optional<CallerError> error = Optional.empty();
        String stop = "";
        List<Frame> frames = SseFrames.parse(stream);
        for (Frame frame : frames) {
            JsonNode data = Cases.parse(frame.data());
            String type = data.path("type").asText();
            if (!type.equals(frame.event())) {
                problems.add("event '" + frame.event() + "' carries type '" + type + "'");
            }
            int index = data.path("index").asInt(-1);
            switch (type) {
                case "message_start" -> {
                    message = data.path("message").deepCopy();
                    usage = usage(data.at("/message/usage"), usage);
                }
                case "content_block_start" -> blocks.put(index, data.path("content_block").deepCopy());
                case "content_block_delta" -> {
                    ObjectNode block = blocks.computeIfAbsent(index, i -> Cases.object());
                    JsonNode delta = data.path("delta");
                    switch (delta.path("type").asText()) {
                        case "text_delta" -> append(block, "text", delta.path("text").asText());
                        case "thinking_delta" -> append(block, "thinking", delta.path("thinking").asText());
                        case "signature_delta" -> append(block, "signature", delta.path("signature").asText());
                        case "input_json_delta" -> partialJson.computeIfAbsent(index, i -> new StringBuilder())
                                .append(delta.path("partial_json").asText());
                        default -> problems.add("unknown delta " + delta);
                    }
                }
                case "message_delta" -> {
                    stop = data.at("/delta/stop_reason").asText(stop);
                    if (data.at("/delta/stop_sequence").isTextual()) {
                        message.put("stop_sequence", data.at("/delta/stop_sequence").asText());
                    }
                    usage = usage(data.path("usage"), usage);
                }
                case "error" -> {
                    problems.add("error event: " + frame.data());
                    error = Optional.of(error(data));
                }
                default -> { }
            }
        }
        partialJson.forEach((index, json) -> {
            if (!json.isEmpty()) {
                blocks.get(index).set("input", Cases.parse(json.toString()));
            }
        });
        message.putArray("content").addAll(blocks.values());
        message.put("stop_reason", stop);
        boolean stopped = !frames.isEmpty() && frames.getLast().event().equals("message_stop");
        Optional<Usage> seenUsage = usage.input() < 0 && usage.output() < 0 ? Optional.empty() : Optional.of(usage);
        return new Seen(message, stop, seenUsage, stopped, problems, error);
    }

    private static void append(ObjectNode block, String field, String more) {
        block.put(field, block.path(field).asText("") + more);
    }

    @Override
    public String text(JsonNode message) {
        StringBuilder text = new StringBuilder();
        for (JsonNode block : message.path("content")) {
            if (block.path("type").asText().equals("text")) {
                text.append(block.path("text").asText());
            }
        }
        return text.toString();
    }

    @Override
    public List<ToolCall> toolCalls(JsonNode message) {
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode block : message.path("content")) {
            if (block.path("type").asText().equals("tool_use")) {
                calls.add(new ToolCall(block.path("id").asText(), block.path("name").asText(), block.path("input")));
            }
        }
        return calls;
    }

    @Override
    public List<Thinking> thinking(JsonNode message) {
        List<Thinking> thinking = new ArrayList<>();
        for (JsonNode block : message.path("content")) {
            if (block.path("type").asText().equals("thinking")) {
                thinking.add(new Thinking(block.path("thinking").asText(),
                        Optional.ofNullable(block.get("signature")).map(JsonNode::asText)));
            }
        }
        return thinking;
    }

    @Override
    public String stop(Turn.Finish finish) {
        return switch (finish) {
            case END_TURN -> "end_turn";
            case TOOL_USE -> "tool_use";
            case MAX_TOKENS -> "max_tokens";
            case CONTENT_FILTER -> "refusal";
            case STOP_SEQUENCE -> "stop_sequence";
        };
    }

    @Override
    public Optional<String> stopSequence(JsonNode message) {
        return message.path("stop_sequence").isTextual() ? Optional.of(message.get("stop_sequence").asText())
                : Optional.empty();
    }

    @Override
    public boolean carriesSignatures() {
        return true;
    }

    @Override
    public List<String> malformed(String endpoint) {
        String ok = request(endpoint, Ask.text(Mode.UNARY));
        return List.of(Cases.with(ok, "messages", "{\"role\": \"user\", \"content\": \"Hi\"}"),
                Cases.with(ok, "max_tokens", "\"12\""), Cases.with(ok, "stream", "\"yes\""),
                Cases.with(ok, "tools", "{}"), Cases.with(ok, "system", "12"));
    }

    @Override
    public CallerError error(JsonNode body) {
        assertThat(body.path("type").asText()).as("Anthropic error envelope in %s", body).isEqualTo("error");
        assertThat(body.at("/error/type").isTextual()).as("error.type in %s", body).isTrue();
        assertThat(body.at("/error/message").isTextual()).as("error.message in %s", body).isTrue();
        return new CallerError(body.at("/error/type").asText(), body.at("/error/message").asText());
    }

    @Override
    public Optional<String> errorKind(int status) {
        return Optional.of(switch (status) {
            case 401 -> "authentication_error";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            case 503, 529 -> "overloaded_error";
            default -> status >= 500 ? "api_error" : "invalid_request_error";
        });
    }

    @Override
    public List<String> grammar(String stream) {
        return AnthropicStreamGrammar.violations(stream);
    }

    /** Anthropic has no embeddings; the path is the one such a caller would guess. */
    @Override
    public String embeddingsPath(String endpoint) {
        return "/gateway/anthropic/v1/embeddings";
    }

    @Override
    public String embeddingsRequest(String endpoint, List<String> inputs) {
        throw new AssertionError("Anthropic's API has no embeddings");
    }

    @Override
    public List<List<Double>> vectors(JsonNode answer) {
        throw new AssertionError("Anthropic's API has no embeddings");
    }

    /** Anthropic counts input without the cached parts; the canonical count includes them. */
    private static Usage usage(JsonNode usage, Usage before) {
        if (!usage.isObject()) {
            return before;
        }
        int cacheRead = usage.has("cache_read_input_tokens") ? usage.path("cache_read_input_tokens").asInt()
                : Math.max(0, before.cacheRead());
        int cacheWrite = usage.has("cache_creation_input_tokens") ? usage.path("cache_creation_input_tokens").asInt()
                : Math.max(0, before.cacheWrite());
        int input = usage.has("input_tokens") ? usage.path("input_tokens").asInt() + cacheRead + cacheWrite
                : before.input();
        int output = usage.has("output_tokens") ? usage.path("output_tokens").asInt() : before.output();
        int reasoning = usage.at("/output_tokens_details/thinking_tokens").asInt(Math.max(0, before.reasoning()));
        return new Usage(input, output, cacheRead, cacheWrite, reasoning);
    }

    @Override
    public String toString() {
        return "anthropic";
    }
}
