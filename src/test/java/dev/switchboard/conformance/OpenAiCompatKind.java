package dev.switchboard.conformance;

import static dev.switchboard.conformance.Cases.ARGS;
import static dev.switchboard.conformance.Cases.ARG_PIECES;
import static dev.switchboard.conformance.Cases.TOOL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.conformance.Cases.Declared;
import dev.switchboard.conformance.Cases.Image;
import dev.switchboard.conformance.Cases.ToolCall;
import dev.switchboard.conformance.Cases.ToolTurn;
import dev.switchboard.conformance.Cases.Usage;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Recorded;
import dev.switchboard.testing.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** An OpenAI-compatible provider ({@code custom}): {@code POST {api_base}/chat/completions}. */
final class OpenAiCompatKind implements ProviderKind {

    private static final String MODEL = "gpt-4o";
    private static final String CALL_ID = "call_fromOpenAi42";

    @Override
    public String id() {
        return "custom";
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public Reply text(String text, Usage usage) {
        return Reply.json(OpenAiBodies.chatCompletion(MODEL, text, usage.input(), usage.output()));
    }

    @Override
    public Reply textStream(List<String> pieces, Usage usage) {
        List<String> chunks = new ArrayList<>();
        chunks.add(chunk(delta -> delta.put("role", "assistant").put("content", ""), null));
        pieces.forEach(piece -> chunks.add(chunk(delta -> delta.put("content", piece), null)));
        chunks.add(chunk(delta -> { }, "stop"));
        chunks.add(usageChunk(usage));
        return Reply.sse(chunks).withDone();
    }

    @Override
    public Reply toolCall() {
        ObjectNode completion = head("chat.completion");
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant").putNull("content");
        message.putArray("tool_calls").addObject().put("id", CALL_ID).put("type", "function")
                .putObject("function").put("name", TOOL).put("arguments", ARGS.toString());
        choice.put("finish_reason", "tool_calls");
        completion.set("usage", usage(new Usage(80, 20)));
        return Reply.json(completion.toString());
    }

    @Override
    public Reply toolCallStream() {
        List<String> chunks = new ArrayList<>();
        chunks.add(chunk(delta -> {
            delta.put("role", "assistant").putNull("content");
            delta.putArray("tool_calls").addObject().put("index", 0).put("id", CALL_ID).put("type", "function")
                    .putObject("function").put("name", TOOL).put("arguments", "");
        }, null));
        for (String piece : ARG_PIECES) {
            chunks.add(chunk(delta -> delta.putArray("tool_calls").addObject().put("index", 0)
                    .putObject("function").put("arguments", piece), null));
        }
        chunks.add(chunk(delta -> { }, "tool_calls"));
        chunks.add(usageChunk(new Usage(80, 20)));
        return Reply.sse(chunks).withDone();
    }

    @Override
    public Reply error(int status, String message) {
        return status == 429
                ? Reply.json(429, OpenAiBodies.error(message, "requests", "rate_limit_exceeded"))
                : Reply.json(status, OpenAiBodies.error(message, "invalid_request_error", "invalid_value"));
    }

    @Override
    public String upstreamPath(boolean stream) {
        return "/chat/completions";
    }

    @Override
    public String model(Recorded sent) {
        return sent.bodyJson().path("model").asText();
    }

    @Override
    public boolean streamed(Recorded sent) {
        return sent.bodyJson().path("stream").asBoolean(false);
    }

    @Override
    public void assertWellFormed(Recorded sent) {
        assertThat(sent.bodyJson().path("messages").isArray()).as("messages in %s", sent).isTrue();
    }

    @Override
    public String system(Recorded sent) {
        StringBuilder system = new StringBuilder();
        for (JsonNode message : sent.bodyJson().path("messages")) {
            if (List.of("system", "developer").contains(message.path("role").asText())) {
                system.append(Cases.joinedText(message.path("content")));
            }
        }
        return system.toString();
    }

    @Override
    public String userText(Recorded sent) {
        return Cases.joinedText(firstWithRole(sent, "user").path("content"));
    }

    @Override
    public Declared declaredTool(Recorded sent) {
        JsonNode tool = sent.bodyJson().at("/tools/0");
        assertThat(tool.path("type").asText()).as("tool type in %s", sent).isEqualTo("function");
        JsonNode function = tool.path("function");
        return new Declared(function.path("name").asText(), function.path("description").asText(),
                function.path("parameters"));
    }

    @Override
    public ToolTurn toolTurn(Recorded sent) {
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

    @Override
    public Image image(Recorded sent) {
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

    @Override
    public String toString() {
        return "openai-compatible";
    }

    private static JsonNode firstWithRole(Recorded sent, String role) {
        for (JsonNode message : sent.bodyJson().path("messages")) {
            if (message.path("role").asText().equals(role)) {
                return message;
            }
        }
        throw new AssertionError("no " + role + " message in " + sent);
    }

    private static String chunk(Consumer<ObjectNode> delta, String finishReason) {
        ObjectNode chunk = head("chat.completion.chunk");
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        delta.accept(choice.putObject("delta"));
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        return chunk.toString();
    }

    private static String usageChunk(Usage usage) {
        ObjectNode last = head("chat.completion.chunk");
        last.putArray("choices");
        last.set("usage", usage(usage));
        return last.toString();
    }

    private static ObjectNode head(String object) {
        return Cases.object().put("id", "chatcmpl-conformance").put("object", object).put("created", 1_700_000_000L)
                .put("model", MODEL).put("system_fingerprint", "fp_conformance");
    }

    private static ObjectNode usage(Usage usage) {
        return Cases.object().put("prompt_tokens", usage.input()).put("completion_tokens", usage.output())
                .put("total_tokens", usage.input() + usage.output());
    }
}
