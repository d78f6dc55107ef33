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
import static dev.switchboard.conformance.Cases.TOP_P;
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
import java.util.function.Function;

/** Gemini generateContent: {@code POST /gateway/gemini/v1beta/models/{endpoint}:generateContent}. */
final class GeminiSurface implements Surface {

    @Override
    public Format format() {
        return Format.GEMINI;
    }

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
        ObjectNode config = Cases.object();
        switch (ask.output()) {
            case JSON_OBJECT -> config.put("responseMimeType", "application/json");
            case JSON_SCHEMA -> config.put("responseMimeType", "application/json").set("responseJsonSchema",
                    ANSWER_SCHEMA);
            case ANY -> { }
        }
        if (ask.stops()) {
            ArrayNode stop = config.putArray("stopSequences");
            STOPS.forEach(stop::add);
        }
        if (ask.sampling()) {
            config.put("temperature", TEMPERATURE).put("topP", TOP_P).put("topK", TOP_K)
                    .put("maxOutputTokens", MAX_TOKENS);
        }
        switch (ask.think()) {
            case ON -> config.putObject("thinkingConfig").put("thinkingBudget", BUDGET).put("includeThoughts", true);
            case OFF -> config.putObject("thinkingConfig").put("thinkingBudget", 0);
            case DEFAULT -> { }
        }
        if (!config.isEmpty()) {
            body.set("generationConfig", config);
        }
        return body.toString();
    }

    /** The candidate's content as received, then a user turn of one functionResponse per functionCall. */
    @Override
    public String continuation(String first, Seen answer, Function<ToolCall, JsonNode> results) {
        ObjectNode body = (ObjectNode) Cases.parse(first);
        ArrayNode contents = (ArrayNode) body.get("contents");
        contents.add(answer.message());
        ArrayNode parts = contents.addObject().put("role", "user").putArray("parts");
        for (ToolCall call : toolCalls(answer.message())) {
            ObjectNode response = parts.addObject().putObject("functionResponse").put("name", call.name());
            if (!call.id().isEmpty()) {
                response.put("id", call.id());
            }
            response.set("response", results.apply(call));
        }
        return body.toString();
    }

    @Override
    public Map<String, String> formatHeaders() {
        return Map.of();
    }

    @Override
    public Seen seen(JsonNode answer) {
        JsonNode candidate = answer.at("/candidates/0");
        assertThat(candidate.isObject()).as("candidate in %s", answer).isTrue();
        JsonNode content = candidate.path("content");
        if (content.isObject()) {
            assertThat(content.path("role").asText()).as("role in %s", answer).isEqualTo("model");
        }
        return new Seen(content.isObject() ? content : Cases.object().put("role", "model"),
                candidate.path("finishReason").asText(), usage(answer.get("usageMetadata")), true, List.of(),
                Optional.empty());
    }

    /** Every part of every chunk, in order, as one content: what Gemini asks callers to send back. */
    @Override
    public Seen seen(String stream) {
        List<String> problems = new ArrayList<>();
        ArrayNode parts = Cases.array();
        Optional<Usage> usage = Optional.empty();
        Optional<CallerError> error = Optional.empty();
        String stop = "";
        List<Frame> frames = SseFrames.parse(stream);
        for (Frame frame : frames) {
            JsonNode chunk = Cases.parse(frame.data());
            if (chunk.has("error")) {
                problems.add("error event: " + frame.data());
                error = Optional.of(error(chunk));
                continue;
            }
            chunk.at("/candidates/0/content/parts").forEach(parts::add);
            stop = chunk.at("/candidates/0/finishReason").asText(stop);
            if (chunk.path("usageMetadata").isObject()) {
                usage = usage(chunk.get("usageMetadata"));
            }
        }
        ObjectNode content = Cases.object().put("role", "model");
        content.set("parts", parts);
        boolean finished = !frames.isEmpty()
                && !Cases.parse(frames.getLast().data()).at("/candidates/0/finishReason").asText("").isEmpty();
        return new Seen(content, stop, usage, finished, problems, error);
    }

    @Override
    public String text(JsonNode message) {
        StringBuilder text = new StringBuilder();
        for (JsonNode part : message.path("parts")) {
            if (!part.path("thought").asBoolean(false)) {
                text.append(part.path("text").asText(""));
            }
        }
        return text.toString();
    }

    @Override
    public List<ToolCall> toolCalls(JsonNode message) {
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode part : message.path("parts")) {
            if (part.has("functionCall")) {
                JsonNode call = part.path("functionCall");
                calls.add(new ToolCall(call.path("id").asText(""), call.path("name").asText(), call.path("args")));
            }
        }
        return calls;
    }

    @Override
    public boolean linksCallsById() {
        return false;
    }

    /** Thought parts; consecutive ones of a stream are one thought, signed by the last signature among them. */
    @Override
    public List<Thinking> thinking(JsonNode message) {
        List<Thinking> thinking = new ArrayList<>();
        StringBuilder text = null;
        Optional<String> signature = Optional.empty();
        for (JsonNode part : message.path("parts")) {
            if (part.path("thought").asBoolean(false)) {
                text = text == null ? new StringBuilder() : text;
                text.append(part.path("text").asText(""));
                signature = part.has("thoughtSignature") ? Optional.of(part.get("thoughtSignature").asText()) : signature;
            } else if (text != null) {
                thinking.add(new Thinking(text.toString(), signature));
                text = null;
                signature = Optional.empty();
            }
        }
        if (text != null) {
            thinking.add(new Thinking(text.toString(), signature));
        }
        return thinking;
    }

    @Override
    public String stop(Turn.Finish finish) {
        return switch (finish) {
            case END_TURN, TOOL_USE, STOP_SEQUENCE -> "STOP";
            case MAX_TOKENS -> "MAX_TOKENS";
            case CONTENT_FILTER -> "SAFETY";
        };
    }

    @Override
    public boolean carriesSignatures() {
        return true;
    }

    @Override
    public List<String> malformed(String endpoint) {
        String ok = request(endpoint, Ask.text(Mode.UNARY));
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
        return Optional.ofNullable(switch (status) {
            case 400 -> "400 INVALID_ARGUMENT";
            case 401 -> "401 UNAUTHENTICATED";
            case 404 -> "404 NOT_FOUND";
            case 429 -> "429 RESOURCE_EXHAUSTED";
            case 503 -> "503 UNAVAILABLE";
            default -> null;
        });
    }

    @Override
    public List<String> grammar(String stream) {
        return GeminiStreamGrammar.violations(stream);
    }

    @Override
    public String embeddingsPath(String endpoint) {
        return "/gateway/gemini/v1beta/models/" + endpoint + ":batchEmbedContents";
    }

    @Override
    public String embeddingsRequest(String endpoint, List<String> inputs) {
        ObjectNode body = Cases.object();
        ArrayNode requests = body.putArray("requests");
        inputs.forEach(input -> requests.addObject().put("model", "models/" + endpoint).putObject("content")
                .putArray("parts").addObject().put("text", input));
        return body.toString();
    }

    @Override
    public List<List<Double>> vectors(JsonNode answer) {
        List<List<Double>> vectors = new ArrayList<>();
        for (JsonNode embedding : answer.path("embeddings")) {
            List<Double> vector = new ArrayList<>();
            embedding.path("values").forEach(value -> vector.add(value.asDouble()));
            vectors.add(vector);
        }
        return vectors;
    }

    /** Gemini counts thoughts apart from the candidates; the canonical output includes them. */
    private static Optional<Usage> usage(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return Optional.empty();
        }
        int thoughts = usage.path("thoughtsTokenCount").asInt(0);
        return Optional.of(new Usage(usage.path("promptTokenCount").asInt(-1) + usage.path("toolUsePromptTokenCount").asInt(0),
                usage.path("candidatesTokenCount").asInt(0) + thoughts, usage.path("cachedContentTokenCount").asInt(0),
                0, thoughts));
    }

    @Override
    public String toString() {
        return "gemini";
    }
}
