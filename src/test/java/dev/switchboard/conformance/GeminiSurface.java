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

/** Gemini generateContent: {@code POST /gateway/gemini/v1beta/models/{endpoint}:generateContent}. */
final class GeminiSurface implements Surface {

    @Override
    public String path(String endpoint, boolean stream) {
        return "/gateway/gemini/v1beta/models/" + endpoint
                + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
    }

    @Override
    public String request(String endpoint, Ask ask) {
        ObjectNode body = Cases.object();
        body.putObject("systemInstruction").putArray("parts").addObject().put("text", SYSTEM);
        ArrayNode contents = body.putArray("contents");
        ArrayNode userParts = contents.addObject().put("role", "user").putArray("parts");
        if (ask.image()) {
            userParts.addObject().put("text", IMAGE_QUESTION);
            userParts.addObject().putObject("inlineData").put("mimeType", IMAGE_MEDIA_TYPE).put("data", PNG_BASE64);
        } else {
            userParts.addObject().put("text", USER);
        }
        if (ask.toolTurn()) {
            contents.addObject().put("role", "model").putArray("parts").addObject().putObject("functionCall")
                    .put("name", TOOL).set("args", ARGS);
            contents.addObject().put("role", "user").putArray("parts").addObject().putObject("functionResponse")
                    .put("name", TOOL).set("response", RESULT);
        }
        if (ask.tool()) {
            body.putArray("tools").addObject().putArray("functionDeclarations").addObject().put("name", TOOL)
                    .put("description", TOOL_DESCRIPTION).set("parameters", SCHEMA);
        }
        return body.toString();
    }

    @Override
    public String text(JsonNode answer) {
        assertThat(answer.at("/candidates/0/content/role").asText()).isEqualTo("model");
        for (JsonNode part : answer.at("/candidates/0/content/parts")) {
            if (!part.path("thought").asBoolean(false)) {
                assertThat(part.path("text").isTextual()).as("first part after any thought in %s", answer).isTrue();
                return part.path("text").asText();
            }
        }
        throw new AssertionError("no part in " + answer);
    }

    @Override
    public String stop(JsonNode answer) {
        return answer.at("/candidates/0/finishReason").asText();
    }

    @Override
    public String endTurn() {
        return "STOP";
    }

    @Override
    public String toolUse() {
        return "STOP";
    }

    @Override
    public Optional<ToolCall> toolCall(JsonNode answer) {
        for (JsonNode part : answer.at("/candidates/0/content/parts")) {
            if (part.has("functionCall")) {
                JsonNode call = part.path("functionCall");
                return Optional.of(new ToolCall(call.path("id").asText(""), call.path("name").asText(),
                        call.path("args")));
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean linksCallsById() {
        return false;
    }

    @Override
    public Usage usage(JsonNode answer) {
        return new Usage(answer.at("/usageMetadata/promptTokenCount").asInt(-1),
                answer.at("/usageMetadata/candidatesTokenCount").asInt(-1));
    }

    @Override
    public Thinking thinking(JsonNode answer) {
        for (JsonNode part : answer.at("/candidates/0/content/parts")) {
            if (part.path("thought").asBoolean(false)) {
                return new Thinking(part.path("text").asText(),
                        Optional.ofNullable(part.get("thoughtSignature")).map(JsonNode::asText));
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
        return List.of(Cases.with(ok, "contents", "\"Hi\""), Cases.with(ok, "contents", "[\"Hi\"]"),
                Cases.with(ok, "tools", "\"search\""), Cases.with(ok, "generationConfig", "{\"maxOutputTokens\": \"12\"}"));
    }

    @Override
    public CallerError error(JsonNode body) {
        assertThat(body.path("error").isObject()).as("Google error envelope in %s", body).isTrue();
        assertThat(body.at("/error/code").isInt()).as("error.code in %s", body).isTrue();
        assertThat(body.at("/error/message").isTextual()).as("error.message in %s", body).isTrue();
        assertThat(body.at("/error/status").isTextual()).as("error.status in %s", body).isTrue();
        return new CallerError(body.at("/error/code").asInt() + " " + body.at("/error/status").asText(),
                body.at("/error/message").asText());
    }

    @Override
    public Optional<String> errorKind(int status) {
        return Optional.of(status == 429 ? "429 RESOURCE_EXHAUSTED" : "400 INVALID_ARGUMENT");
    }

    @Override
    public StreamSeen stream(String body) {
        StringBuilder text = new StringBuilder();
        List<String> problems = new ArrayList<>();
        Optional<ToolCall> call = Optional.empty();
        Optional<Usage> usage = Optional.empty();
        String stop = "";
        List<Frame> frames = SseFrames.parse(body);
        for (Frame frame : frames) {
            JsonNode chunk = Cases.parse(frame.data());
            if (chunk.has("error")) {
                problems.add("error event: " + frame.data());
                continue;
            }
            for (JsonNode part : chunk.at("/candidates/0/content/parts")) {
                if (part.has("functionCall")) {
                    JsonNode fc = part.path("functionCall");
                    call = Optional.of(new ToolCall(fc.path("id").asText(""), fc.path("name").asText(), fc.path("args")));
                } else if (!part.path("thought").asBoolean(false)) {
                    text.append(part.path("text").asText(""));
                }
            }
            stop = chunk.at("/candidates/0/finishReason").asText(stop);
            if (chunk.path("usageMetadata").isObject()) {
                usage = Optional.of(usage(chunk));
            }
        }
        boolean finished = !frames.isEmpty()
                && !Cases.parse(frames.getLast().data()).at("/candidates/0/finishReason").asText("").isEmpty();
        return new StreamSeen(text.toString(), call, usage, stop, finished, problems);
    }

    @Override
    public String toString() {
        return "gemini";
    }
}
