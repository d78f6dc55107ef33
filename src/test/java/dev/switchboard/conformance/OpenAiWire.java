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
import java.util.function.Consumer;

/**
 * OpenAI's chat completions format as the three OpenAI-format kinds write and read it; a
 * {@link Style} says where they differ (how thinking is written, how usage ends a stream, Azure's
 * prompt-filter chunk).
 */
final class OpenAiWire {

    /** How a provider writes its thinking in OpenAI's format. */
    enum Thoughts {
        /** DeepSeek's {@code reasoning_content}, unsigned. */
        REASONING_CONTENT,
        /** Mistral's content chunks: {@code {"type": "thinking", "thinking": [{"type": "text", ...}]}}. */
        THINKING_CHUNKS,
        /** None: the provider returns no reasoning text. */
        NONE
    }

    /**
     * {@code usageWhenAsked}: a usage-only chunk ends a stream when the request asked for it
     * ({@code stream_options.include_usage}), as OpenAI does; otherwise the finish chunk carries the
     * usage, as Mistral's does. {@code filterChunk}: the stream opens with Azure's prompt-filter results.
     */
    record Style(String model, Thoughts thoughts, boolean usageWhenAsked, boolean filterChunk) {
    }

    private OpenAiWire() {
    }

    static Reply reply(Turn turn, Mode mode, Style style) {
        if (!mode.stream()) {
            return Reply.json(completion(turn, style).toString());
        }
        return Reply.respond(request -> {
            boolean usage = !style.usageWhenAsked()
                    || request.bodyJson().at("/stream_options/include_usage").asBoolean(false);
            return Reply.sse(chunks(turn, style, usage)).withDone();
        });
    }

    static ObjectNode completion(Turn turn, Style style) {
        ObjectNode completion = head("chat.completion", style);
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        String text = turn.text();
        List<Turn.Thought> thoughts = style.thoughts() == Thoughts.NONE ? List.of() : turn.thoughts();
        if (!thoughts.isEmpty() && style.thoughts() == Thoughts.THINKING_CHUNKS) {
            ArrayNode content = message.putArray("content");
            thoughts.forEach(thought -> content.add(thinkingChunk(thought.text())));
            if (!text.isEmpty()) {
                content.addObject().put("type", "text").put("text", text);
            }
        } else if (text.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text);
        }
        if (!thoughts.isEmpty() && style.thoughts() == Thoughts.REASONING_CONTENT) {
            message.put("reasoning_content", String.join("", thoughts.stream().map(Turn.Thought::text).toList()));
        }
        List<Turn.Call> calls = turn.toolCalls();
        if (!calls.isEmpty()) {
            ArrayNode toolCalls = message.putArray("tool_calls");
            for (Turn.Call call : calls) {
                toolCalls.addObject().put("id", call.id()).put("type", "function").putObject("function")
                        .put("name", call.name()).put("arguments", call.args().toString());
            }
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", finish(turn.finish()));
        completion.set("usage", usage(turn.usage()));
        return completion;
    }

    /**
     * The chunks of a stream: the role, thinking and text in pieces, then the calls, their argument
     * pieces interleaved when there are several (OpenAI-format streams tell calls apart by index),
     * the finish, and the usage.
     */
    static List<String> chunks(Turn turn, Style style, boolean usage) {
        List<String> chunks = new ArrayList<>();
        if (style.filterChunk()) {
            ObjectNode filter = Cases.object().put("id", "").put("object", "").put("created", 0).put("model", "");
            filter.putArray("choices");
            filter.putArray("prompt_filter_results").addObject().put("prompt_index", 0)
                    .putObject("content_filter_results").putObject("hate").put("filtered", false)
                    .put("severity", "safe");
            chunks.add(filter.toString());
        }
        chunks.add(chunk(style, delta -> delta.put("role", "assistant").put("content", ""), null));
        if (style.thoughts() != Thoughts.NONE) {
            for (Turn.Thought thought : turn.thoughts()) {
                for (String piece : Turn.pieces(thought.text(), 3)) {
                    chunks.add(chunk(style, delta -> {
                        if (style.thoughts() == Thoughts.REASONING_CONTENT) {
                            delta.put("reasoning_content", piece);
                        } else {
                            delta.putArray("content").add(thinkingChunk(piece));
                        }
                    }, null));
                }
            }
        }
        String text = turn.text();
        List<String> pieces = text.equals(Cases.ANSWER) ? Cases.PIECES : Turn.pieces(text, 3);
        pieces.forEach(piece -> chunks.add(chunk(style, delta -> delta.put("content", piece), null)));
        List<Turn.Call> calls = turn.toolCalls();
        for (int i = 0; i < calls.size(); i++) {
            Turn.Call call = calls.get(i);
            int index = i;
            chunks.add(chunk(style, delta -> delta.putArray("tool_calls").addObject().put("index", index)
                    .put("id", call.id()).put("type", "function").putObject("function").put("name", call.name())
                    .put("arguments", ""), null));
        }
        List<List<String>> argPieces = calls.stream().map(call -> call.args().equals(Cases.ARGS) ? Cases.ARG_PIECES
                : Turn.pieces(call.args().toString(), 4)).toList();
        int rounds = argPieces.stream().mapToInt(List::size).max().orElse(0);
        for (int round = 0; round < rounds; round++) {
            for (int i = 0; i < calls.size(); i++) {
                if (round < argPieces.get(i).size()) {
                    String piece = argPieces.get(i).get(round);
                    int index = i;
                    chunks.add(chunk(style, delta -> delta.putArray("tool_calls").addObject().put("index", index)
                            .putObject("function").put("arguments", piece), null));
                }
            }
        }
        ObjectNode last = (ObjectNode) Cases.parse(chunk(style, delta -> { }, finish(turn.finish())));
        if (usage && !style.usageWhenAsked()) {
            last.set("usage", usage(turn.usage()));
        }
        chunks.add(last.toString());
        if (usage && style.usageWhenAsked()) {
            ObjectNode usageChunk = head("chat.completion.chunk", style);
            usageChunk.putArray("choices");
            usageChunk.set("usage", usage(turn.usage()));
            chunks.add(usageChunk.toString());
        }
        return chunks;
    }

    /** The first {@code pieces} of a stream, then an error object, as OpenAI's SDKs expect one mid-stream. */
    static Reply streamError(List<String> pieces, String message, Style style) {
        List<String> chunks = new ArrayList<>();
        chunks.add(chunk(style, delta -> delta.put("role", "assistant").put("content", ""), null));
        pieces.forEach(piece -> chunks.add(chunk(style, delta -> delta.put("content", piece), null)));
        ObjectNode error = Cases.object();
        error.putObject("error").put("message", message).put("type", "server_error").putNull("param").putNull("code");
        chunks.add(error.toString());
        return Reply.sse(chunks);
    }

    static String finish(Turn.Finish finish) {
        return switch (finish) {
            case END_TURN, STOP_SEQUENCE -> "stop";
            case TOOL_USE -> "tool_calls";
            case MAX_TOKENS -> "length";
            case CONTENT_FILTER -> "content_filter";
        };
    }

    static ObjectNode usage(Usage usage) {
        ObjectNode node = Cases.object().put("prompt_tokens", usage.input()).put("completion_tokens", usage.output())
                .put("total_tokens", usage.input() + usage.output());
        if (usage.cacheRead() > 0) {
            node.putObject("prompt_tokens_details").put("cached_tokens", usage.cacheRead());
        }
        if (usage.reasoning() > 0) {
            node.putObject("completion_tokens_details").put("reasoning_tokens", usage.reasoning());
        }
        return node;
    }

    private static ObjectNode thinkingChunk(String text) {
        ObjectNode chunk = Cases.object().put("type", "thinking");
        chunk.putArray("thinking").addObject().put("type", "text").put("text", text);
        return chunk;
    }

    private static String chunk(Style style, Consumer<ObjectNode> delta, String finishReason) {
        ObjectNode chunk = head("chat.completion.chunk", style);
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        delta.accept(choice.putObject("delta"));
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        return chunk.toString();
    }

    private static ObjectNode head(String object, Style style) {
        return Cases.object().put("id", "chatcmpl-conformance").put("object", object).put("created", 1_700_000_000L)
                .put("model", style.model()).put("system_fingerprint", "fp_conformance");
    }

    // ------------------------------------------------------------------------------------ reading requests

    static String system(Recorded sent) {
        StringBuilder system = new StringBuilder();
        for (JsonNode message : sent.bodyJson().path("messages")) {
            if (List.of("system", "developer").contains(message.path("role").asText())) {
                system.append(Cases.joinedText(message.path("content")));
            }
        }
        return system.toString();
    }

    static String userText(Recorded sent) {
        return Cases.joinedText(firstWithRole(sent, "user").path("content"));
    }

    static List<Declared> declaredTools(Recorded sent) {
        List<Declared> tools = new ArrayList<>();
        for (JsonNode tool : sent.bodyJson().path("tools")) {
            assertThat(tool.path("type").asText()).as("tool type in %s", sent).isEqualTo("function");
            JsonNode function = tool.path("function");
            tools.add(new Declared(function.path("name").asText(), function.path("description").asText(),
                    function.path("parameters")));
        }
        return tools;
    }

    static ToolTurn toolTurn(Recorded sent) {
        ToolCall call = null;
        int callAt = -1;
        String resultKey = "";
        JsonNode result = null;
        int resultAt = -1;
        JsonNode messages = sent.bodyJson().path("messages");
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            if (message.path("role").asText().equals("assistant") && message.has("tool_calls")) {
                JsonNode first = message.at("/tool_calls/0");
                call = new ToolCall(first.path("id").asText(), first.at("/function/name").asText(),
                        Cases.parse(first.at("/function/arguments").asText()));
                callAt = i;
            } else if (message.path("role").asText().equals("tool")) {
                resultKey = message.path("tool_call_id").asText();
                result = Cases.parse(Cases.joinedText(message.path("content")));
                resultAt = i;
            }
        }
        assertThat(call).as("assistant tool call in %s", sent).isNotNull();
        assertThat(result).as("tool message in %s", sent).isNotNull();
        return new ToolTurn(call, call.id(), resultKey, result, callAt < resultAt);
    }

    static Image image(Recorded sent) {
        for (JsonNode part : firstWithRole(sent, "user").path("content")) {
            if (part.path("type").asText().equals("image_url")) {
                String url = part.at("/image_url/url").asText();
                int comma = url.indexOf(',');
                if (url.startsWith("data:") && url.substring(0, comma).endsWith(";base64")) {
                    return new Image(url.substring(5, url.indexOf(';')), url.substring(comma + 1));
                }
                return new Image("not a base64 data URL", url);
            }
        }
        throw new AssertionError("no image_url part in " + sent);
    }

    static Output output(Recorded sent) {
        JsonNode format = sent.bodyJson().path("response_format");
        return switch (format.path("type").asText("")) {
            case "json_object" -> new Output(Output.Kind.JSON_OBJECT, Cases.object());
            case "json_schema" -> new Output(Output.Kind.JSON_SCHEMA, format.at("/json_schema/schema"));
            default -> new Output(Output.Kind.ANY, Cases.object());
        };
    }

    static List<String> stopSequences(Recorded sent) {
        JsonNode stop = sent.bodyJson().path("stop");
        List<String> stops = new ArrayList<>();
        if (stop.isTextual()) {
            stops.add(stop.asText());
        }
        stop.forEach(sequence -> stops.add(sequence.asText()));
        return stops;
    }

    /** The values, whichever of OpenAI's two names carries the output limit. */
    static Sampled sampling(Recorded sent) {
        JsonNode body = sent.bodyJson();
        JsonNode max = body.has("max_completion_tokens") ? body.get("max_completion_tokens") : body.get("max_tokens");
        return new Sampled(body.has("temperature") ? body.get("temperature").asDouble() : null,
                body.has("top_p") ? body.get("top_p").asDouble() : null,
                body.has("top_k") ? body.get("top_k").asInt() : null, max == null ? null : max.asInt());
    }

    static JsonNode reasoning(Recorded sent) {
        ObjectNode reasoning = Cases.object();
        JsonNode effort = sent.bodyJson().get("reasoning_effort");
        if (effort != null) {
            reasoning.set("reasoning_effort", effort);
        }
        return reasoning;
    }

    /**
     * OpenAI's rules for tool turns: each assistant message with {@code tool_calls} is followed by one
     * {@code tool} message per call id, and ids are unique in the conversation; the first answer's
     * calls come back with their names and arguments (and ids, when the caller's format kept them).
     */
    static void assertAcceptsHistory(Recorded sent, Turn first, boolean idsKept) {
        JsonNode messages = sent.bodyJson().path("messages");
        Set<String> ids = new HashSet<>();
        JsonNode answered = null;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            if (!message.path("role").asText().equals("assistant") || !message.has("tool_calls")) {
                assertThat(message.path("role").asText()).as("a tool message with no call before it, in %s", sent)
                        .isNotEqualTo("tool");
                continue;
            }
            Set<String> callIds = new HashSet<>();
            for (JsonNode call : message.path("tool_calls")) {
                String id = call.path("id").asText("");
                assertThat(id).as("tool call id in %s", sent).isNotEmpty();
                assertThat(ids.add(id)).as("tool call id %s unique in %s", id, sent).isTrue();
                callIds.add(id);
            }
            Set<String> resultIds = new HashSet<>();
            int j = i + 1;
            while (j < messages.size() && messages.get(j).path("role").asText().equals("tool")) {
                resultIds.add(messages.get(j).path("tool_call_id").asText());
                j++;
            }
            assertThat(resultIds).as("tool messages right after the calls in %s", sent).isEqualTo(callIds);
            i = j - 1;
            answered = message;
        }
        assertThat(answered).as("the assistant's tool calls in %s", sent).isNotNull();
        List<Turn.Call> calls = first.toolCalls();
        JsonNode sentCalls = answered.path("tool_calls");
        assertThat(sentCalls.size()).as("calls sent back in %s", sent).isEqualTo(calls.size());
        for (int k = 0; k < calls.size(); k++) {
            assertThat(sentCalls.get(k).at("/function/name").asText()).isEqualTo(calls.get(k).name());
            assertThat(Cases.parse(sentCalls.get(k).at("/function/arguments").asText())).isEqualTo(calls.get(k).args());
            if (idsKept) {
                assertThat(sentCalls.get(k).path("id").asText()).as("call id in %s", sent).isEqualTo(calls.get(k).id());
            }
        }
    }

    static List<String> embeddingInputs(Recorded sent) {
        List<String> inputs = new ArrayList<>();
        sent.bodyJson().path("input").forEach(input -> inputs.add(input.asText()));
        return inputs;
    }

    static JsonNode firstWithRole(Recorded sent, String role) {
        for (JsonNode message : sent.bodyJson().path("messages")) {
            if (message.path("role").asText().equals(role)) {
                return message;
            }
        }
        throw new AssertionError("no " + role + " message in " + sent);
    }
}
