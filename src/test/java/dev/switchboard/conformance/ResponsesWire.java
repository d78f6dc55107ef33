package dev.switchboard.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.conformance.Cases.Declared;
import dev.switchboard.conformance.Cases.Image;
import dev.switchboard.conformance.Cases.ToolCall;
import dev.switchboard.conformance.Cases.ToolTurn;
import dev.switchboard.conformance.Cases.Usage;
import dev.switchboard.conformance.ProviderKind.Output;
import dev.switchboard.conformance.ProviderKind.Sampled;
import dev.switchboard.testing.Recorded;
import dev.switchboard.testing.Reply;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * OpenAI's Responses format as a provider that speaks it (Azure's v1 API) writes its answers and
 * reads a request: a {@code response} object of {@code reasoning}, {@code message} and
 * {@code function_call} output items, or its event stream, each event numbered by
 * {@code sequence_number} from 0, with no {@code [DONE]}. A thought's signature is the reasoning
 * item's {@code encrypted_content}.
 */
final class ResponsesWire {

    static final String RESPONSE_ID = "resp_conformance";

    private ResponsesWire() {
    }

    static Reply reply(Turn turn, Mode mode, String model) {
        if (!mode.stream()) {
            return Reply.json(response(turn, model, true).toString());
        }
        return Reply.sseFrames(frames(events(turn, model)));
    }

    /** The whole {@code response}; {@code done} false for the in-progress one a stream opens with. */
    static ObjectNode response(Turn turn, String model, boolean done) {
        ObjectNode response = Cases.object().put("id", RESPONSE_ID).put("object", "response")
                .put("created_at", 1_700_000_000L);
        boolean incomplete = incomplete(turn.finish());
        response.put("status", !done ? "in_progress" : incomplete ? "incomplete" : "completed");
        response.putNull("error");
        if (done && incomplete) {
            response.putObject("incomplete_details").put("reason", turn.finish() == Turn.Finish.MAX_TOKENS
                    ? "max_output_tokens" : "content_filter");
        } else {
            response.putNull("incomplete_details");
        }
        response.putNull("instructions");
        response.put("model", model);
        ArrayNode output = response.putArray("output");
        if (done) {
            output.addAll(items(turn));
        }
        response.put("parallel_tool_calls", true);
        response.putArray("tools");
        response.put("tool_choice", "auto");
        if (done) {
            response.set("usage", usage(turn.usage()));
        } else {
            response.putNull("usage");
        }
        return response;
    }

    static boolean incomplete(Turn.Finish finish) {
        return finish == Turn.Finish.MAX_TOKENS || finish == Turn.Finish.CONTENT_FILTER;
    }

    /** The output items of a turn: a reasoning item per thought, one message for the text, a function_call per call. */
    static List<ObjectNode> items(Turn turn) {
        List<ObjectNode> items = new ArrayList<>();
        ArrayNode parts = null;
        int n = 0;
        String status = incomplete(turn.finish()) ? "incomplete" : "completed";
        for (Turn.Block block : turn.blocks()) {
            switch (block) {
                case Turn.Thought thought -> {
                    parts = null;
                    ObjectNode item = Cases.object().put("id", "rs_conformance" + n++).put("type", "reasoning");
                    item.putArray("summary").addObject().put("type", "summary_text").put("text", thought.text());
                    thought.signature().ifPresent(s -> item.put("encrypted_content", s));
                    items.add(item);
                }
                case Turn.Said said -> {
                    if (parts == null) {
                        ObjectNode item = Cases.object().put("id", "msg_conformance" + n++).put("type", "message")
                                .put("status", status).put("role", "assistant");
                        parts = item.putArray("content");
                        items.add(item);
                    }
                    parts.add(outputText(said.text()));
                }
                case Turn.Call call -> {
                    parts = null;
                    String args = call.args().equals(Cases.ARGS) ? String.join("", Cases.ARG_PIECES)
                            : call.args().toString();
                    items.add(Cases.object().put("id", "fc_conformance" + n++).put("type", "function_call")
                            .put("status", "completed").put("arguments", args)
                            .put("call_id", call.id()).put("name", call.name()));
                }
            }
        }
        return items;
    }

    private static ObjectNode outputText(String text) {
        ObjectNode part = Cases.object().put("type", "output_text");
        part.putArray("annotations");
        part.putArray("logprobs");
        return part.put("text", text);
    }

    static ObjectNode usage(Usage usage) {
        ObjectNode node = Cases.object().put("input_tokens", usage.input());
        node.putObject("input_tokens_details").put("cached_tokens", usage.cacheRead());
        node.put("output_tokens", usage.output());
        node.putObject("output_tokens_details").put("reasoning_tokens", usage.reasoning());
        return node.put("total_tokens", usage.input() + usage.output());
    }

    /**
     * The events of a stream, without their sequence numbers: created, in progress, each item added,
     * its parts and deltas, done, then completed or incomplete.
     */
    static List<ObjectNode> events(Turn turn, String model) {
        List<ObjectNode> events = new ArrayList<>();
        events.addAll(opening(turn, model));
        List<ObjectNode> items = items(turn);
        for (int index = 0; index < items.size(); index++) {
            events.addAll(itemEvents(items.get(index), index));
        }
        boolean incomplete = incomplete(turn.finish());
        ObjectNode end = Cases.object().put("type", incomplete ? "response.incomplete" : "response.completed");
        end.set("response", response(turn, model, true));
        events.add(end);
        return events;
    }

    static List<ObjectNode> opening(Turn turn, String model) {
        List<ObjectNode> events = new ArrayList<>();
        for (String type : List.of("response.created", "response.in_progress")) {
            ObjectNode event = Cases.object().put("type", type);
            event.set("response", response(turn, model, false));
            events.add(event);
        }
        return events;
    }

    /** The events of one output item, its text or arguments in pieces. */
    static List<ObjectNode> itemEvents(ObjectNode item, int index) {
        List<ObjectNode> events = new ArrayList<>();
        String id = item.path("id").asText();
        ObjectNode added = Cases.object().put("type", "response.output_item.added").put("output_index", index);
        ObjectNode start = item.deepCopy();
        switch (item.path("type").asText()) {
            case "message" -> {
                start.put("status", "in_progress").putArray("content");
                added.set("item", start);
                events.add(added);
                int part = 0;
                for (JsonNode content : item.path("content")) {
                    String text = content.path("text").asText();
                    ObjectNode partAdded = itemEvent("response.content_part.added", id, index).put("content_index", part);
                    partAdded.set("part", outputText(""));
                    events.add(partAdded);
                    List<String> pieces = text.equals(Cases.ANSWER) ? Cases.PIECES : Turn.pieces(text, 3);
                    for (String piece : pieces) {
                        ObjectNode delta = itemEvent("response.output_text.delta", id, index).put("content_index", part)
                                .put("delta", piece);
                        delta.putArray("logprobs");
                        events.add(delta);
                    }
                    ObjectNode textDone = itemEvent("response.output_text.done", id, index).put("content_index", part)
                            .put("text", text);
                    textDone.putArray("logprobs");
                    events.add(textDone);
                    ObjectNode partDone = itemEvent("response.content_part.done", id, index).put("content_index", part);
                    partDone.set("part", content);
                    events.add(partDone);
                    part++;
                }
            }
            case "reasoning" -> {
                start.putArray("summary");
                start.remove("encrypted_content");
                added.set("item", start);
                events.add(added);
                String text = item.at("/summary/0/text").asText();
                ObjectNode partAdded = itemEvent("response.reasoning_summary_part.added", id, index).put("summary_index", 0);
                partAdded.putObject("part").put("type", "summary_text").put("text", "");
                events.add(partAdded);
                for (String piece : Turn.pieces(text, 3)) {
                    events.add(itemEvent("response.reasoning_summary_text.delta", id, index).put("summary_index", 0)
                            .put("delta", piece));
                }
                events.add(itemEvent("response.reasoning_summary_text.done", id, index).put("summary_index", 0)
                        .put("text", text));
                ObjectNode partDone = itemEvent("response.reasoning_summary_part.done", id, index).put("summary_index", 0);
                partDone.putObject("part").put("type", "summary_text").put("text", text);
                events.add(partDone);
            }
            default -> {
                start.put("status", "in_progress").put("arguments", "");
                added.set("item", start);
                events.add(added);
                String args = item.path("arguments").asText();
                List<String> pieces = args.equals(String.join("", Cases.ARG_PIECES)) ? Cases.ARG_PIECES
                        : Turn.pieces(args, 4);
                for (String piece : pieces) {
                    events.add(itemEvent("response.function_call_arguments.delta", id, index).put("delta", piece));
                }
                events.add(itemEvent("response.function_call_arguments.done", id, index).put("arguments", args)
                        .put("name", item.path("name").asText()));
            }
        }
        ObjectNode done = Cases.object().put("type", "response.output_item.done").put("output_index", index);
        done.set("item", item);
        events.add(done);
        return events;
    }

    private static ObjectNode itemEvent(String type, String itemId, int index) {
        return Cases.object().put("type", type).put("item_id", itemId).put("output_index", index);
    }

    /** The events as SSE frames, {@code event:} named by type and numbered from 0. */
    static List<String> frames(List<ObjectNode> events) {
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            ObjectNode event = events.get(i).put("sequence_number", i);
            frames.add("event: " + event.path("type").asText() + "\ndata: " + event);
        }
        return frames;
    }

    /** A stream whose message begins with {@code pieces}, then an error event, as OpenAI sends one mid-stream. */
    static Reply streamError(List<String> pieces, String message, String model) {
        Turn turn = Turn.text(String.join("", pieces), Cases.SMALL_USAGE);
        List<ObjectNode> events = new ArrayList<>(opening(turn, model));
        for (ObjectNode event : itemEvents(items(turn).getFirst(), 0)) {
            if (event.path("type").asText().equals("response.output_text.delta")) {
                break;
            }
            events.add(event);
        }
        String id = items(turn).getFirst().path("id").asText();
        for (String piece : pieces) {
            ObjectNode delta = itemEvent("response.output_text.delta", id, 0).put("content_index", 0).put("delta", piece);
            delta.putArray("logprobs");
            events.add(delta);
        }
        ObjectNode error = Cases.object().put("type", "error").put("code", "server_error").put("message", message);
        error.putNull("param");
        error.putObject("error").put("type", "server_error").put("code", "server_error").put("message", message)
                .putNull("param");
        events.add(error);
        return Reply.sseFrames(frames(events));
    }

    // ------------------------------------------------------------------------------------ reading requests

    static JsonNode input(Recorded sent) {
        return sent.bodyJson().path("input");
    }

    static String system(Recorded sent) {
        StringBuilder system = new StringBuilder(sent.bodyJson().path("instructions").asText(""));
        for (JsonNode item : input(sent)) {
            if (List.of("system", "developer").contains(item.path("role").asText())) {
                system.append(text(item.path("content")));
            }
        }
        return system.toString();
    }

    /** A message's content: a string, or its input or output text parts joined. */
    static String text(JsonNode content) {
        return Cases.joinedText(content);
    }

    static JsonNode firstUser(Recorded sent) {
        JsonNode input = input(sent);
        if (input.isTextual()) {
            return Cases.object().put("role", "user").put("content", input.asText());
        }
        for (JsonNode item : input) {
            if (item.path("role").asText().equals("user")) {
                return item;
            }
        }
        throw new AssertionError("no user message in " + sent);
    }

    static String userText(Recorded sent) {
        return text(firstUser(sent).path("content"));
    }

    static List<Declared> declaredTools(Recorded sent) {
        List<Declared> tools = new ArrayList<>();
        for (JsonNode tool : sent.bodyJson().path("tools")) {
            assertThat(tool.path("type").asText()).as("tool type in %s", sent).isEqualTo("function");
            tools.add(new Declared(tool.path("name").asText(), tool.path("description").asText(),
                    tool.path("parameters")));
        }
        return tools;
    }

    static ToolTurn toolTurn(Recorded sent) {
        ToolCall call = null;
        int callAt = -1;
        String resultKey = "";
        JsonNode result = null;
        int resultAt = -1;
        JsonNode input = input(sent);
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            switch (item.path("type").asText()) {
                case "function_call" -> {
                    call = new ToolCall(item.path("call_id").asText(), item.path("name").asText(),
                            Cases.parse(item.path("arguments").asText()));
                    callAt = i;
                }
                case "function_call_output" -> {
                    resultKey = item.path("call_id").asText();
                    result = Cases.parse(item.path("output").asText());
                    resultAt = i;
                }
                default -> { }
            }
        }
        assertThat(call).as("function_call item in %s", sent).isNotNull();
        assertThat(result).as("function_call_output item in %s", sent).isNotNull();
        return new ToolTurn(call, call.id(), resultKey, result, callAt < resultAt);
    }

    static Image image(Recorded sent) {
        for (JsonNode part : firstUser(sent).path("content")) {
            if (part.path("type").asText().equals("input_image")) {
                String url = part.path("image_url").asText();
                int comma = url.indexOf(',');
                if (url.startsWith("data:") && comma > 0 && url.substring(0, comma).endsWith(";base64")) {
                    return new Image(url.substring(5, url.indexOf(';')), url.substring(comma + 1));
                }
                return new Image("not a base64 data URL", url);
            }
        }
        throw new AssertionError("no input_image part in " + sent);
    }

    static Output output(Recorded sent) {
        JsonNode format = sent.bodyJson().at("/text/format");
        return switch (format.path("type").asText("")) {
            case "json_object" -> new Output(Output.Kind.JSON_OBJECT, Cases.object());
            case "json_schema" -> new Output(Output.Kind.JSON_SCHEMA, format.path("schema"));
            default -> new Output(Output.Kind.ANY, Cases.object());
        };
    }

    static Sampled sampling(Recorded sent) {
        JsonNode body = sent.bodyJson();
        return new Sampled(body.has("temperature") ? body.get("temperature").asDouble() : null,
                body.has("top_p") ? body.get("top_p").asDouble() : null,
                body.has("top_k") ? body.get("top_k").asInt() : null,
                body.has("max_output_tokens") ? body.get("max_output_tokens").asInt() : null);
    }

    /** {@code reasoning.effort}, under the name OpenAI's chat format gives it, so that checks compare one form. */
    static JsonNode reasoning(Recorded sent) {
        ObjectNode reasoning = Cases.object();
        JsonNode effort = sent.bodyJson().at("/reasoning/effort");
        if (!effort.isMissingNode()) {
            reasoning.set("reasoning_effort", effort);
        }
        return reasoning;
    }

    /**
     * OpenAI's rules for a stateless Responses conversation ({@code store: false}): each
     * {@code function_call} item has one {@code function_call_output} with its {@code call_id} after
     * it, call ids are unique; a reasoning item comes back with its {@code encrypted_content}, right
     * before the item that followed it; the first answer's calls come back with their names,
     * arguments and ids, and its signed thoughts with their signatures.
     */
    static void assertAcceptsHistory(Recorded sent, Turn first) {
        assertThat(sent.bodyJson().path("store").asBoolean(true)).as("store in %s", sent).isFalse();
        JsonNode input = input(sent);
        Set<String> calls = new HashSet<>();
        List<JsonNode> sentCalls = new ArrayList<>();
        List<JsonNode> reasoning = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            switch (item.path("type").asText()) {
                case "function_call" -> {
                    assertThat(calls.add(item.path("call_id").asText())).as("call id unique in %s", sent).isTrue();
                    sentCalls.add(item);
                }
                case "function_call_output" -> assertThat(calls).as("a call before the output %s in %s", item, sent)
                        .contains(item.path("call_id").asText());
                case "reasoning" -> {
                    assertThat(item.path("encrypted_content").isTextual()).as("encrypted_content of %s", item).isTrue();
                    assertThat(i + 1 < input.size() && !input.get(i + 1).path("type").asText().equals("reasoning"))
                            .as("an item after reasoning %s in %s", item, sent).isTrue();
                    reasoning.add(item);
                }
                default -> { }
            }
        }
        for (String id : calls) {
            long outputs = 0;
            for (JsonNode item : input) {
                if (item.path("type").asText().equals("function_call_output") && item.path("call_id").asText().equals(id)) {
                    outputs++;
                }
            }
            assertThat(outputs).as("outputs of call %s in %s", id, sent).isEqualTo(1);
        }
        List<Turn.Call> expected = first.toolCalls();
        assertThat(sentCalls).as("calls sent back in %s", sent).hasSize(expected.size());
        for (int k = 0; k < expected.size(); k++) {
            assertThat(sentCalls.get(k).path("name").asText()).isEqualTo(expected.get(k).name());
            assertThat(Cases.parse(sentCalls.get(k).path("arguments").asText())).isEqualTo(expected.get(k).args());
            assertThat(sentCalls.get(k).path("call_id").asText()).isEqualTo(expected.get(k).id());
        }
        List<String> signatures = first.thoughts().stream().flatMap(t -> t.signature().stream()).toList();
        assertThat(reasoning.stream().map(item -> item.path("encrypted_content").asText()).toList())
                .as("reasoning sent back in %s", sent).isEqualTo(signatures);
    }
}
