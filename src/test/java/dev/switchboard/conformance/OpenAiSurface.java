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

/** OpenAI chat completions: {@code POST /gateway/openai/v1/chat/completions}, {@code model} names the endpoint. */
final class OpenAiSurface implements Surface {

    static final String CALL_ID = "call_Vx3kQ9aZ1";

    @Override
    public String path(String endpoint, boolean stream) {
        return "/gateway/openai/v1/chat/completions";
    }

    @Override
    public String request(String endpoint, Ask ask) {
        ObjectNode body = Cases.object().put("model", endpoint);
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", SYSTEM);
        ObjectNode user = messages.addObject().put("role", "user");
        if (ask.image()) {
            ArrayNode parts = user.putArray("content");
            parts.addObject().put("type", "text").put("text", IMAGE_QUESTION);
            parts.addObject().put("type", "image_url").putObject("image_url")
                    .put("url", "data:" + IMAGE_MEDIA_TYPE + ";base64," + PNG_BASE64);
        } else {
            user.put("content", USER);
        }
        if (ask.toolTurn()) {
            ObjectNode assistant = messages.addObject().put("role", "assistant").putNull("content");
            assistant.putArray("tool_calls").addObject().put("id", CALL_ID).put("type", "function")
                    .putObject("function").put("name", TOOL).put("arguments", ARGS.toString());
            messages.addObject().put("role", "tool").put("tool_call_id", CALL_ID).put("content", RESULT.toString());
        }
        if (ask.tool()) {
            body.putArray("tools").addObject().put("type", "function").putObject("function")
                    .put("name", TOOL).put("description", TOOL_DESCRIPTION).set("parameters", SCHEMA);
        }
        if (ask.stream()) {
            body.put("stream", true).putObject("stream_options").put("include_usage", true);
        }
        return body.toString();
    }

    @Override
    public String text(JsonNode answer) {
        assertThat(answer.path("object").asText()).isEqualTo("chat.completion");
        assertThat(answer.at("/choices/0/message/role").asText()).isEqualTo("assistant");
        return answer.at("/choices/0/message/content").asText();
    }

    @Override
    public String stop(JsonNode answer) {
        return answer.at("/choices/0/finish_reason").asText();
    }

    @Override
    public String endTurn() {
        return "stop";
    }

    @Override
    public String toolUse() {
        return "tool_calls";
    }

    @Override
    public Optional<ToolCall> toolCall(JsonNode answer) {
        JsonNode call = answer.at("/choices/0/message/tool_calls/0");
        if (call.isMissingNode()) {
            return Optional.empty();
        }
        assertThat(call.path("type").asText()).isEqualTo("function");
        return Optional.of(new ToolCall(call.path("id").asText(), call.at("/function/name").asText(),
                Cases.parse(call.at("/function/arguments").asText())));
    }

    @Override
    public Usage usage(JsonNode answer) {
        return new Usage(answer.at("/usage/prompt_tokens").asInt(-1), answer.at("/usage/completion_tokens").asInt(-1));
    }

    @Override
    public Thinking thinking(JsonNode answer) {
        return new Thinking(answer.at("/choices/0/message/reasoning_content").asText(), Optional.empty());
    }

    @Override
    public boolean carriesSignatures() {
        return false;
    }

    @Override
    public List<String> malformed(String endpoint) {
        String ok = request(endpoint, Ask.text());
        return List.of(Cases.with(ok, "messages", "{\"role\": \"user\", \"content\": \"Hi\"}"),
                Cases.with(ok, "messages", "[\"Hi\"]"), Cases.with(ok, "stream", "\"yes\""),
                Cases.with(ok, "max_tokens", "\"12\""), Cases.with(ok, "tools", "{}"));
    }

    @Override
    public CallerError error(JsonNode body) {
        assertThat(body.path("error").isObject()).as("OpenAI error envelope in %s", body).isTrue();
        // OpenAI's envelope has nothing beside "error" (Anthropic's has "type": "error" there).
        assertThat(body.size()).as("fields beside error in %s", body).isEqualTo(1);
        assertThat(body.at("/error/message").isTextual()).as("error.message in %s", body).isTrue();
        assertThat(body.at("/error/type").isTextual()).as("error.type in %s", body).isTrue();
        return new CallerError(body.at("/error/type").asText(), body.at("/error/message").asText());
    }

    @Override
    public Optional<String> errorKind(int status) {
        return status == 400 ? Optional.of("invalid_request_error") : Optional.empty();
    }

    @Override
    public StreamSeen stream(String body) {
        StringBuilder text = new StringBuilder();
        List<String> problems = new ArrayList<>();
        String id = "";
        String name = "";
        StringBuilder arguments = null;
        Optional<Usage> usage = Optional.empty();
        String stop = "";
        List<Frame> frames = SseFrames.parse(body);
        for (Frame frame : frames) {
            if (frame.data().equals("[DONE]")) {
                continue;
            }
            JsonNode chunk = Cases.parse(frame.data());
            if (chunk.has("error")) {
                problems.add("error event: " + frame.data());
                continue;
            }
            if (!chunk.path("object").asText().equals("chat.completion.chunk")) {
                problems.add("not a chat.completion.chunk: " + frame.data());
            }
            JsonNode choice = chunk.path("choices").path(0);
            text.append(choice.at("/delta/content").asText(""));
            for (JsonNode call : choice.at("/delta/tool_calls")) {
                if (call.path("index").asInt(-1) != 0) {
                    problems.add("tool call index other than 0: " + frame.data());
                }
                id = call.hasNonNull("id") ? call.path("id").asText() : id;
                name = call.at("/function/name").isTextual() ? call.at("/function/name").asText() : name;
                arguments = arguments == null ? new StringBuilder() : arguments;
                arguments.append(call.at("/function/arguments").asText(""));
            }
            stop = choice.path("finish_reason").isTextual() ? choice.path("finish_reason").asText() : stop;
            if (chunk.path("usage").isObject()) {
                usage = Optional.of(usage(chunk));
            }
        }
        boolean done = !frames.isEmpty() && frames.getLast().data().equals("[DONE]");
        Optional<ToolCall> call = arguments == null ? Optional.empty()
                : Optional.of(new ToolCall(id, name, Cases.parse(arguments.toString())));
        return new StreamSeen(text.toString(), call, usage, stop, done, problems);
    }

    @Override
    public String toString() {
        return "openai-chat";
    }
}
