package dev.switchboard.conformance;

import static dev.switchboard.conformance.Cases.ANSWER_SCHEMA;
import static dev.switchboard.conformance.Cases.ARGS;
import static dev.switchboard.conformance.Cases.EFFORT;
import static dev.switchboard.conformance.Cases.IMAGE_MEDIA_TYPE;
import static dev.switchboard.conformance.Cases.IMAGE_QUESTION;
import static dev.switchboard.conformance.Cases.MAX_TOKENS;
import static dev.switchboard.conformance.Cases.PNG_BASE64;
import static dev.switchboard.conformance.Cases.RESULT;
import static dev.switchboard.conformance.Cases.SCHEMA;
import static dev.switchboard.conformance.Cases.SCHEMA_NAME;
import static dev.switchboard.conformance.Cases.STOPS;
import static dev.switchboard.conformance.Cases.SYSTEM;
import static dev.switchboard.conformance.Cases.TEMPERATURE;
import static dev.switchboard.conformance.Cases.TOOL;
import static dev.switchboard.conformance.Cases.TOOL_DESCRIPTION;
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
import java.util.TreeMap;
import java.util.function.Function;

/**
 * OpenAI chat completions: {@code POST /gateway/openai/v1/chat/completions}, {@code model} names the
 * endpoint. Signed thinking travels in {@code thinking_blocks} beside {@code reasoning_content}, as
 * LiteLLM writes it; Gemini's call signatures in a call's {@code extra_content}, as Gemini's own
 * OpenAI-compatible API writes them.
 */
final class OpenAiSurface implements Surface {

    static final String CALL_ID = "call_Vx3kQ9aZ1";
    static final String BETA = "assistants=v2";

    @Override
    public Format format() {
        return Format.OPENAI;
    }

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
        switch (ask.output()) {
            case JSON_OBJECT -> body.putObject("response_format").put("type", "json_object");
            case JSON_SCHEMA -> {
                ObjectNode schema = body.putObject("response_format").put("type", "json_schema")
                        .putObject("json_schema").put("name", SCHEMA_NAME).put("strict", true);
                schema.set("schema", ANSWER_SCHEMA);
            }
            case ANY -> { }
        }
        if (ask.stops()) {
            ArrayNode stop = body.putArray("stop");
            STOPS.forEach(stop::add);
        }
        if (ask.sampling()) {
            body.put("temperature", TEMPERATURE).put("top_p", TOP_P).put("max_completion_tokens", MAX_TOKENS);
        }
        switch (ask.think()) {
            case ON -> body.put("reasoning_effort", EFFORT);
            case OFF -> body.put("reasoning_effort", "none");
            case DEFAULT -> { }
        }
        if (ask.stream()) {
            body.put("stream", true).putObject("stream_options").put("include_usage", true);
        }
        return body.toString();
    }

    /** The message as received, then one {@code tool} message per call, as OpenAI's guides append them. */
    @Override
    public String continuation(String first, Seen answer, Function<ToolCall, JsonNode> results) {
        ObjectNode body = (ObjectNode) Cases.parse(first);
        ArrayNode messages = (ArrayNode) body.get("messages");
        messages.add(answer.message());
        for (ToolCall call : toolCalls(answer.message())) {
            messages.addObject().put("role", "tool").put("tool_call_id", call.id())
                    .put("content", results.apply(call).toString());
        }
        return body.toString();
    }

    @Override
    public Map<String, String> formatHeaders() {
        return Map.of("OpenAI-Beta", BETA);
    }

    @Override
    public Seen seen(JsonNode answer) {
        assertThat(answer.path("object").asText()).as("object of %s", answer).isEqualTo("chat.completion");
        JsonNode message = answer.at("/choices/0/message");
        assertThat(message.path("role").asText()).as("role in %s", answer).isEqualTo("assistant");
        return new Seen(message, answer.at("/choices/0/finish_reason").asText(), usage(answer.get("usage")), true,
                List.of(), Optional.empty());
    }

    /** Puts the chunks together into one message, as LiteLLM and the SDKs' accumulators do. */
    @Override
    public Seen seen(String stream) {
        StringBuilder content = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        ArrayNode thinkingBlocks = Cases.array();
        Map<Integer, ObjectNode> calls = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        Optional<Usage> usage = Optional.empty();
        Optional<CallerError> error = Optional.empty();
        String stop = "";
        boolean refused = false;
        List<Frame> frames = SseFrames.parse(stream);
        for (Frame frame : frames) {
            if (frame.data().equals("[DONE]")) {
                continue;
            }
            JsonNode chunk = Cases.parse(frame.data());
            if (chunk.has("error")) {
                problems.add("error event: " + frame.data());
                error = Optional.of(error(chunk));
                continue;
            }
            JsonNode delta = chunk.at("/choices/0/delta");
            content.append(delta.path("content").asText(""));
            reasoning.append(delta.path("reasoning_content").asText(""));
            delta.path("thinking_blocks").forEach(thinkingBlocks::add);
            refused |= delta.path("refusal").isTextual();
            for (JsonNode part : delta.path("tool_calls")) {
                ObjectNode call = calls.computeIfAbsent(part.path("index").asInt(-1), index -> {
                    ObjectNode created = Cases.object().put("id", "").put("type", "function");
                    created.putObject("function").put("name", "").put("arguments", "");
                    return created;
                });
                if (part.hasNonNull("id")) {
                    call.put("id", part.path("id").asText());
                }
                ObjectNode function = (ObjectNode) call.get("function");
                if (part.at("/function/name").isTextual()) {
                    function.put("name", function.path("name").asText() + part.at("/function/name").asText());
                }
                function.put("arguments", function.path("arguments").asText() + part.at("/function/arguments").asText(""));
                if (part.path("extra_content").isObject()) {
                    call.set("extra_content", part.get("extra_content"));
                }
            }
            stop = chunk.at("/choices/0/finish_reason").isTextual() ? chunk.at("/choices/0/finish_reason").asText() : stop;
            if (chunk.path("usage").isObject()) {
                usage = usage(chunk.get("usage"));
            }
        }
        ObjectNode message = Cases.object().put("role", "assistant");
        if (content.isEmpty() && (!calls.isEmpty() || refused)) {
            message.putNull("content");
        } else {
            message.put("content", content.toString());
        }
        if (!reasoning.isEmpty()) {
            message.put("reasoning_content", reasoning.toString());
        }
        if (!thinkingBlocks.isEmpty()) {
            message.set("thinking_blocks", thinkingBlocks);
        }
        if (!calls.isEmpty()) {
            message.putArray("tool_calls").addAll(calls.values());
        }
        boolean done = !frames.isEmpty() && frames.getLast().data().equals("[DONE]");
        return new Seen(message, stop, usage, done, problems, error);
    }

    @Override
    public String text(JsonNode message) {
        return Cases.joinedText(message.path("content"));
    }

    @Override
    public List<ToolCall> toolCalls(JsonNode message) {
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode call : message.path("tool_calls")) {
            assertThat(call.path("type").asText()).as("tool call type in %s", message).isEqualTo("function");
            calls.add(new ToolCall(call.path("id").asText(), call.at("/function/name").asText(),
                    Cases.parse(call.at("/function/arguments").asText())));
        }
        return calls;
    }

    /** Every block of {@code thinking_blocks} when there are any, else {@code reasoning_content} as one unsigned block. */
    @Override
    public List<Thinking> thinking(JsonNode message) {
        List<Thinking> thinking = new ArrayList<>();
        for (JsonNode block : message.path("thinking_blocks")) {
            if (block.path("type").asText().equals("thinking")) {
                thinking.add(new Thinking(block.path("thinking").asText(),
                        Optional.ofNullable(block.get("signature")).map(JsonNode::asText)));
            }
        }
        if (thinking.isEmpty() && !message.path("reasoning_content").asText("").isEmpty()) {
            thinking.add(new Thinking(message.path("reasoning_content").asText(), Optional.empty()));
        }
        return thinking;
    }

    @Override
    public String stop(Turn.Finish finish) {
        return switch (finish) {
            case END_TURN, STOP_SEQUENCE -> "stop";
            case TOOL_USE -> "tool_calls";
            case MAX_TOKENS -> "length";
            case CONTENT_FILTER -> "content_filter";
        };
    }

    @Override
    public boolean carriesSignatures() {
        return true;
    }

    @Override
    public List<String> malformed(String endpoint) {
        String ok = request(endpoint, Ask.text(Mode.UNARY));
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
    public List<String> grammar(String stream) {
        return OpenAiStreamGrammar.violations(stream);
    }

    @Override
    public String embeddingsPath(String endpoint) {
        return "/gateway/openai/v1/embeddings";
    }

    @Override
    public String embeddingsRequest(String endpoint, List<String> inputs) {
        ObjectNode body = Cases.object().put("model", endpoint);
        ArrayNode input = body.putArray("input");
        inputs.forEach(input::add);
        return body.toString();
    }

    @Override
    public List<List<Double>> vectors(JsonNode answer) {
        assertThat(answer.path("object").asText()).as("object of %s", answer).isEqualTo("list");
        List<List<Double>> vectors = new ArrayList<>();
        for (JsonNode item : answer.path("data")) {
            assertThat(item.path("index").asInt(-1)).as("index of %s", item).isEqualTo(vectors.size());
            List<Double> vector = new ArrayList<>();
            item.path("embedding").forEach(value -> vector.add(value.asDouble()));
            vectors.add(vector);
        }
        return vectors;
    }

    private static Optional<Usage> usage(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new Usage(usage.path("prompt_tokens").asInt(-1), usage.path("completion_tokens").asInt(-1),
                usage.at("/prompt_tokens_details/cached_tokens").asInt(0), 0,
                usage.at("/completion_tokens_details/reasoning_tokens").asInt(0)));
    }

    @Override
    public String toString() {
        return "openai-chat";
    }
}
