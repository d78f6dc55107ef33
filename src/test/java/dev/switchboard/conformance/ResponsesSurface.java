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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * OpenAI's Responses API: {@code POST /gateway/openai/v1/responses}, {@code model} names the
 * endpoint. A caller sends {@code instructions} and {@code input} items, and continues statelessly
 * ({@code store: false}, as the SDKs' users do without stored conversations): the answer's output
 * items appended to {@code input} as they came, reasoning items with their {@code encrypted_content}
 * (asked for with {@code include}), then a {@code function_call_output} per call. The "message" a
 * {@link Seen} holds is the answer's {@code output} list; the stop reason is the response's
 * {@code status}, with {@code incomplete_details.reason} after a colon when it is incomplete.
 */
final class ResponsesSurface implements Surface {

    static final String CALL_ID = "call_Rz8pL2mQ4";
    static final String PATH = "/gateway/openai/v1/responses";

    @Override
    public Format format() {
        return Format.OPENAI_RESPONSES;
    }

    @Override
    public String path(String endpoint, boolean stream) {
        return PATH;
    }

    @Override
    public String request(String endpoint, Ask ask) {
        ObjectNode body = Cases.object().put("model", endpoint).put("instructions", SYSTEM);
        ArrayNode input = body.putArray("input");
        ObjectNode user = input.addObject().put("type", "message").put("role", "user");
        ArrayNode content = user.putArray("content");
        if (ask.image()) {
            content.addObject().put("type", "input_text").put("text", IMAGE_QUESTION);
            content.addObject().put("type", "input_image").put("image_url",
                    "data:" + IMAGE_MEDIA_TYPE + ";base64," + PNG_BASE64).put("detail", "auto");
        } else {
            content.addObject().put("type", "input_text").put("text", USER);
        }
        if (ask.toolTurn()) {
            input.addObject().put("type", "function_call").put("call_id", CALL_ID).put("name", TOOL)
                    .put("arguments", ARGS.toString());
            input.addObject().put("type", "function_call_output").put("call_id", CALL_ID)
                    .put("output", RESULT.toString());
        }
        if (ask.tool()) {
            body.putArray("tools").addObject().put("type", "function").put("name", TOOL)
                    .put("description", TOOL_DESCRIPTION).put("strict", false).set("parameters", SCHEMA);
        }
        switch (ask.output()) {
            case JSON_OBJECT -> body.putObject("text").putObject("format").put("type", "json_object");
            case JSON_SCHEMA -> body.putObject("text").putObject("format").put("type", "json_schema")
                    .put("name", SCHEMA_NAME).put("strict", true).set("schema", ANSWER_SCHEMA);
            case ANY -> { }
        }
        if (ask.sampling()) {
            body.put("temperature", TEMPERATURE).put("top_p", TOP_P).put("max_output_tokens", MAX_TOKENS);
        }
        switch (ask.think()) {
            case ON -> {
                body.putObject("reasoning").put("effort", EFFORT);
                body.putArray("include").add("reasoning.encrypted_content");
            }
            case OFF -> body.putObject("reasoning").put("effort", "none");
            case DEFAULT -> { }
        }
        body.put("store", false);
        if (ask.stream()) {
            body.put("stream", true);
        }
        return body.toString();
    }

    /** The output items as received ({@code input += response.output}), then one {@code function_call_output} per call. */
    @Override
    public String continuation(String first, Seen answer, Function<ToolCall, JsonNode> results) {
        ObjectNode body = (ObjectNode) Cases.parse(first);
        ArrayNode input = (ArrayNode) body.get("input");
        answer.message().forEach(input::add);
        for (ToolCall call : toolCalls(answer.message())) {
            input.addObject().put("type", "function_call_output").put("call_id", call.id())
                    .put("output", results.apply(call).toString());
        }
        return body.toString();
    }

    /** The Responses API has no beta header of its own; {@code OpenAI-Beta} is OpenAI's, whichever API. */
    @Override
    public Map<String, String> formatHeaders() {
        return Map.of("OpenAI-Beta", OpenAiSurface.BETA);
    }

    @Override
    public Seen seen(JsonNode answer) {
        assertThat(answer.path("object").asText()).as("object of %s", answer).isEqualTo("response");
        assertThat(answer.path("id").asText()).as("id of %s", answer).isNotEmpty();
        assertThat(answer.path("output").isArray()).as("output of %s", answer).isTrue();
        return new Seen(answer.get("output"), stop(answer), usage(answer.get("usage")), true, List.of(), Optional.empty());
    }

    /** The status, and why it is incomplete after a colon. */
    static String stop(JsonNode response) {
        String status = response.path("status").asText();
        JsonNode reason = response.at("/incomplete_details/reason");
        return reason.isTextual() ? status + ":" + reason.asText() : status;
    }

    /**
     * Puts the events together as the SDK's accumulator does: each item as {@code output_item.added}
     * opened it, its text parts, summary and arguments from the deltas, its fields from
     * {@code output_item.done}; the status and usage from the closing event. Where the deltas and
     * the done events disagree, or the closing response's output differs from the items streamed,
     * that is a problem.
     */
    @Override
    public Seen seen(String stream) {
        Map<Integer, ObjectNode> items = new LinkedHashMap<>();
        Map<Integer, StringBuilder> texts = new LinkedHashMap<>();
        Map<Integer, StringBuilder> partials = new LinkedHashMap<>();
        Map<Integer, Boolean> done = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Optional<Usage> usage = Optional.empty();
        Optional<CallerError> error = Optional.empty();
        String stop = "";
        boolean terminated = false;
        JsonNode closing = null;
        for (Frame frame : SseFrames.parse(stream)) {
            JsonNode event = Cases.parse(frame.data());
            String type = event.path("type").asText();
            int index = event.path("output_index").asInt(-1);
            switch (type) {
                case "error" -> {
                    problems.add("error event: " + frame.data());
                    JsonNode detail = event.path("error").isObject() ? event.get("error") : event;
                    error = Optional.of(new CallerError(detail.path("code").asText(detail.path("type").asText()),
                            detail.path("message").asText(event.path("message").asText())));
                }
                case "response.failed" -> {
                    problems.add("failed: " + frame.data());
                    error = Optional.of(new CallerError(event.at("/response/error/code").asText(),
                            event.at("/response/error/message").asText()));
                }
                case "response.output_item.added" -> {
                    items.put(index, event.get("item").deepCopy());
                    texts.put(index, new StringBuilder());
                    partials.put(index, new StringBuilder());
                    done.put(index, false);
                }
                case "response.output_text.delta", "response.reasoning_summary_text.delta",
                     "response.function_call_arguments.delta" -> {
                    if (texts.containsKey(index)) {
                        texts.get(index).append(event.path("delta").asText());
                        partials.get(index).append(event.path("delta").asText());
                    } else {
                        problems.add("a delta for no item: " + frame.data());
                    }
                }
                case "response.output_text.done", "response.reasoning_summary_text.done" ->
                        agree(texts.get(index), event.path("text").asText(), frame, problems);
                case "response.function_call_arguments.done" ->
                        agree(texts.get(index), event.path("arguments").asText(), frame, problems);
                case "response.content_part.done", "response.reasoning_summary_part.done" -> {
                    agree(texts.get(index), event.at("/part/text").asText(), frame, problems);
                    if (texts.containsKey(index)) {
                        texts.get(index).setLength(0);
                    }
                }
                case "response.output_item.done" -> {
                    ObjectNode item = (ObjectNode) event.get("item");
                    items.put(index, item.deepCopy());
                    done.put(index, true);
                }
                case "response.completed", "response.incomplete" -> {
                    terminated = true;
                    closing = event.get("response");
                    stop = stop(closing);
                    usage = usage(closing.get("usage"));
                }
                default -> { }
            }
        }
        // An item a failed stream left open holds what its deltas brought, as the SDK's accumulator has it.
        done.forEach((index, closed) -> {
            if (!closed) {
                ObjectNode item = items.get(index);
                String text = partials.get(index).toString();
                switch (item.path("type").asText()) {
                    case "message" -> item.putArray("content").addObject().put("type", "output_text").put("text", text);
                    case "reasoning" -> item.putArray("summary").addObject().put("type", "summary_text").put("text", text);
                    case "function_call" -> item.put("arguments", text);
                    default -> { }
                }
            }
        });
        ArrayNode output = Cases.array();
        items.values().forEach(output::add);
        if (closing != null && !closing.path("output").equals(output)) {
            problems.add("the closing response's output " + closing.path("output") + " is not the items streamed "
                    + output);
        }
        return new Seen(output, stop, usage, terminated, problems, error);
    }

    /** A done event's whole text must be its deltas joined (per part: the builder is reset after each part). */
    private static void agree(StringBuilder deltas, String whole, Frame frame, List<String> problems) {
        if (deltas == null) {
            problems.add("an event for no item: " + frame.data());
        } else if (!deltas.toString().equals(whole)) {
            problems.add("deltas '" + deltas + "' but done with '" + whole + "': " + frame.data());
        }
    }

    @Override
    public String text(JsonNode message) {
        StringBuilder text = new StringBuilder();
        for (JsonNode item : message) {
            if (item.path("type").asText().equals("message")) {
                for (JsonNode part : item.path("content")) {
                    if (part.path("type").asText().equals("output_text")) {
                        text.append(part.path("text").asText());
                    }
                }
            }
        }
        return text.toString();
    }

    @Override
    public List<ToolCall> toolCalls(JsonNode message) {
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode item : message) {
            if (item.path("type").asText().equals("function_call")) {
                calls.add(new ToolCall(item.path("call_id").asText(), item.path("name").asText(),
                        Cases.parse(item.path("arguments").asText())));
            }
        }
        return calls;
    }

    /** Each reasoning item: its summary texts joined by blank lines, its {@code encrypted_content} as the signature. */
    @Override
    public List<Thinking> thinking(JsonNode message) {
        List<Thinking> thinking = new ArrayList<>();
        for (JsonNode item : message) {
            if (item.path("type").asText().equals("reasoning")) {
                List<String> texts = new ArrayList<>();
                item.path("summary").forEach(part -> texts.add(part.path("text").asText()));
                thinking.add(new Thinking(String.join("\n\n", texts),
                        Optional.ofNullable(item.get("encrypted_content")).filter(JsonNode::isTextual)
                                .map(JsonNode::asText)));
            }
        }
        return thinking;
    }

    /** A tool call or a stop sequence completes the response like an end of turn; a cut one is incomplete with its reason. */
    @Override
    public String stop(Turn.Finish finish) {
        return switch (finish) {
            case END_TURN, STOP_SEQUENCE, TOOL_USE -> "completed";
            case MAX_TOKENS -> "incomplete:max_output_tokens";
            case CONTENT_FILTER -> "incomplete:content_filter";
        };
    }

    @Override
    public boolean carriesSignatures() {
        return true;
    }

    @Override
    public List<String> malformed(String endpoint) {
        String ok = request(endpoint, Ask.text(Mode.UNARY));
        return List.of(Cases.with(ok, "input", "{\"role\": \"user\", \"content\": \"Hi\"}"),
                Cases.with(ok, "input", "[\"Hi\"]"), Cases.with(ok, "stream", "\"yes\""),
                Cases.with(ok, "max_output_tokens", "\"12\""), Cases.with(ok, "tools", "{}"));
    }

    /** OpenAI's error envelope, which the Responses API shares with chat completions. */
    @Override
    public CallerError error(JsonNode body) {
        return Surface.OPENAI.error(body);
    }

    @Override
    public Optional<String> errorKind(int status) {
        return Surface.OPENAI.errorKind(status);
    }

    @Override
    public List<String> grammar(String stream) {
        return ResponsesStreamGrammar.violations(stream);
    }

    /** A Responses caller's client embeds at OpenAI's embeddings API, which the Responses API is not. */
    @Override
    public String embeddingsPath(String endpoint) {
        return Surface.OPENAI.embeddingsPath(endpoint);
    }

    @Override
    public String embeddingsRequest(String endpoint, List<String> inputs) {
        return Surface.OPENAI.embeddingsRequest(endpoint, inputs);
    }

    @Override
    public List<List<Double>> vectors(JsonNode answer) {
        return Surface.OPENAI.vectors(answer);
    }

    static Optional<Usage> usage(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new Usage(usage.path("input_tokens").asInt(-1), usage.path("output_tokens").asInt(-1),
                usage.at("/input_tokens_details/cached_tokens").asInt(0), 0,
                usage.at("/output_tokens_details/reasoning_tokens").asInt(0)));
    }

    @Override
    public String toString() {
        return "openai-responses";
    }
}
