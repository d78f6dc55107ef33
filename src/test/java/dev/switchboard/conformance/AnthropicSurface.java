package dev.switchboard.conformance;

import static dev.switchboard.conformance.Cases.ARGS;
import static dev.switchboard.conformance.Cases.IMAGE_MEDIA_TYPE;
import static dev.switchboard.conformance.Cases.IMAGE_QUESTION;
import static dev.switchboard.conformance.Cases.PNG_BASE64;
import static dev.switchboard.conformance.Cases.RESULT;
import static dev.switchboard.conformance.Cases.SCHEMA;
import static dev.switchboard.conformance.Cases.SYSTEM;
import static dev.switchboard.conformance.Cases.TOOL;
import static dev.switchboard.conformance.Cases.TOOL_DESCRIPTION;
import static dev.switchboard.conformance.Cases.USER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.conformance.Cases.Ask;
import dev.switchboard.conformance.Cases.CallerError;
import dev.switchboard.conformance.Cases.StreamSeen;
import dev.switchboard.conformance.Cases.Thinking;
import dev.switchboard.conformance.Cases.ToolCall;
import dev.switchboard.conformance.Cases.Usage;
import dev.switchboard.conformance.SseFrames.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Anthropic Messages: {@code POST /gateway/anthropic/v1/messages}, {@code model} names the endpoint. */
final class AnthropicSurface implements Surface {

    static final String TOOL_USE_ID = "toolu_01A09q90qw90lq917835lq9";

    @Override
    public String path(String endpoint, boolean stream) {
        return "/gateway/anthropic/v1/messages";
    }

    @Override
    public String request(String endpoint, Ask ask) {
        ObjectNode body = Cases.object().put("model", endpoint).put("max_tokens", 256).put("system", SYSTEM);
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
        if (ask.stream()) {
            body.put("stream", true);
        }
        return body.toString();
    }

    @Override
    public String text(JsonNode answer) {
        assertThat(answer.path("type").asText()).isEqualTo("message");
        assertThat(answer.path("role").asText()).isEqualTo("assistant");
        for (JsonNode block : answer.path("content")) {
            if (!block.path("type").asText().endsWith("thinking")) {
                assertThat(block.path("type").asText()).as("first block after any thinking").isEqualTo("text");
                return block.path("text").asText();
            }
        }
        throw new AssertionError("no content block in " + answer);
    }

    @Override
    public String stop(JsonNode answer) {
        return answer.path("stop_reason").asText();
    }

    @Override
    public String endTurn() {
        return "end_turn";
    }

    @Override
    public String toolUse() {
        return "tool_use";
    }

    @Override
    public Optional<ToolCall> toolCall(JsonNode answer) {
        for (JsonNode block : answer.path("content")) {
            if (block.path("type").asText().equals("tool_use")) {
                return Optional.of(new ToolCall(block.path("id").asText(), block.path("name").asText(),
                        block.path("input")));
            }
        }
        return Optional.empty();
    }

    @Override
    public Usage usage(JsonNode answer) {
        return new Usage(answer.at("/usage/input_tokens").asInt(-1), answer.at("/usage/output_tokens").asInt(-1));
    }

    @Override
    public Thinking thinking(JsonNode answer) {
        for (JsonNode block : answer.path("content")) {
            if (block.path("type").asText().equals("thinking")) {
                return new Thinking(block.path("thinking").asText(),
                        Optional.ofNullable(block.get("signature")).map(JsonNode::asText));
            }
        }
        return new Thinking("", Optional.empty());
    }

    @Override
    public boolean carriesSignatures() {
        return true;
    }

    @Override
    public List<String> malformed(String endpoint) {
        String ok = request(endpoint, Ask.text());
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
        return Optional.of(status == 429 ? "rate_limit_error" : "invalid_request_error");
    }

    @Override
    public StreamSeen stream(String body) {
        StringBuilder text = new StringBuilder();
        List<String> problems = new ArrayList<>();
        Optional<ToolCall> call = Optional.empty();
        StringBuilder partialJson = new StringBuilder();
        int input = -1;
        int output = -1;
        String stop = "";
        List<Frame> frames = SseFrames.parse(body);
        for (Frame frame : frames) {
            JsonNode data = Cases.parse(frame.data());
            String type = data.path("type").asText();
            if (!type.equals(frame.event())) {
                problems.add("event '" + frame.event() + "' carries type '" + type + "'");
            }
            switch (type) {
                case "message_start" -> {
                    input = data.at("/message/usage/input_tokens").asInt(input);
                    output = data.at("/message/usage/output_tokens").asInt(output);
                }
                case "content_block_start" -> {
                    JsonNode block = data.path("content_block");
                    if (block.path("type").asText().equals("tool_use")) {
                        call = Optional.of(new ToolCall(block.path("id").asText(), block.path("name").asText(),
                                block.path("input")));
                    }
                }
                case "content_block_delta" -> {
                    JsonNode delta = data.path("delta");
                    switch (delta.path("type").asText()) {
                        case "text_delta" -> text.append(delta.path("text").asText());
                        case "input_json_delta" -> partialJson.append(delta.path("partial_json").asText());
                        default -> { }
                    }
                }
                case "message_delta" -> {
                    stop = data.at("/delta/stop_reason").asText(stop);
                    input = data.at("/usage/input_tokens").asInt(input);
                    output = data.at("/usage/output_tokens").asInt(output);
                }
                case "error" -> problems.add("error event: " + frame.data());
                default -> { }
            }
        }
        if (call.isPresent() && !partialJson.isEmpty()) {
            call = Optional.of(new ToolCall(call.get().id(), call.get().name(), Cases.parse(partialJson.toString())));
        }
        boolean stopped = !frames.isEmpty() && frames.getLast().event().equals("message_stop");
        Optional<Usage> usage = input < 0 && output < 0 ? Optional.empty() : Optional.of(new Usage(input, output));
        return new StreamSeen(text.toString(), call, usage, stop, stopped, problems);
    }

    @Override
    public String toString() {
        return "anthropic";
    }
}
