package dev.switchboard.conformance;

import static dev.switchboard.conformance.Cases.ARGS;
import static dev.switchboard.conformance.Cases.TOOL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.conformance.Cases.Declared;
import dev.switchboard.conformance.Cases.Image;
import dev.switchboard.conformance.Cases.ToolCall;
import dev.switchboard.conformance.Cases.ToolTurn;
import dev.switchboard.conformance.Cases.Usage;
import dev.switchboard.testing.GeminiBodies;
import dev.switchboard.testing.Recorded;
import dev.switchboard.testing.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Gemini: {@code POST {api_base}/v1beta/models/{model}:generateContent} and
 * {@code :streamGenerateContent?alt=sse}. Gemini's JSON accepts both camelCase and snake_case field
 * names, so the readers accept either.
 */
final class GeminiKind implements ProviderKind {

    private static final String MODEL = "gemini-2.5-flash";

    @Override
    public String id() {
        return "gemini";
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public Reply text(String text, Usage usage) {
        return Reply.json(GeminiBodies.response(text, usage.input(), usage.output()));
    }

    /** One chunk per piece, each counting the prompt; the last also finishes and counts the answer. */
    @Override
    public Reply textStream(List<String> pieces, Usage usage) {
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            String piece = pieces.get(i);
            boolean last = i == pieces.size() - 1;
            chunks.add(chunk(parts -> parts.addObject().put("text", piece), last,
                    last ? usage : new Usage(usage.input(), 0)));
        }
        return Reply.sse(chunks);
    }

    @Override
    public Reply toolCall() {
        return Reply.json(chunk(GeminiKind::functionCall, true, new Usage(80, 20)));
    }

    /** Gemini sends a function call whole, in one chunk. */
    @Override
    public Reply toolCallStream() {
        return Reply.sse(List.of(chunk(GeminiKind::functionCall, true, new Usage(80, 20))));
    }

    @Override
    public Reply error(int status, String message) {
        return Reply.json(status, GeminiBodies.error(status, status == 429 ? "RESOURCE_EXHAUSTED" : "INVALID_ARGUMENT",
                message));
    }

    @Override
    public String upstreamPath(boolean stream) {
        return "/v1beta/models/" + MODEL + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
    }

    @Override
    public String model(Recorded sent) {
        String path = sent.path();
        int start = path.indexOf("/models/") + "/models/".length();
        return path.substring(start, path.indexOf(':', start));
    }

    @Override
    public boolean streamed(Recorded sent) {
        return sent.path().contains(":streamGenerateContent");
    }

    @Override
    public void assertWellFormed(Recorded sent) {
        JsonNode contents = sent.bodyJson().path("contents");
        assertThat(contents.isArray() && !contents.isEmpty()).as("contents in %s", sent).isTrue();
        for (JsonNode content : contents) {
            assertThat(content.path("role").asText()).as("roles in %s", sent).isIn("user", "model");
        }
    }

    @Override
    public String system(Recorded sent) {
        return Cases.joinedText(field(sent.bodyJson(), "systemInstruction").path("parts"));
    }

    @Override
    public String userText(Recorded sent) {
        return Cases.joinedText(sent.bodyJson().at("/contents/0/parts"));
    }

    @Override
    public Declared declaredTool(Recorded sent) {
        for (JsonNode tool : sent.bodyJson().path("tools")) {
            JsonNode declaration = field(tool, "functionDeclarations").path(0);
            if (!declaration.isMissingNode()) {
                JsonNode schema = declaration.has("parameters") ? declaration.get("parameters")
                        : field(declaration, "parametersJsonSchema");
                return new Declared(declaration.path("name").asText(), declaration.path("description").asText(),
                        schema);
            }
        }
        throw new AssertionError("no functionDeclarations in " + sent);
    }

    @Override
    public ToolTurn toolTurn(Recorded sent) {
        ToolCall call = null;
        int callAt = -1;
        JsonNode response = null;
        int responseAt = -1;
        JsonNode contents = sent.bodyJson().path("contents");
        for (int i = 0; i < contents.size(); i++) {
            for (JsonNode part : contents.get(i).path("parts")) {
                JsonNode functionCall = field(part, "functionCall");
                JsonNode functionResponse = field(part, "functionResponse");
                if (functionCall.isObject()) {
                    assertThat(contents.get(i).path("role").asText()).as("function call role").isEqualTo("model");
                    call = new ToolCall(functionCall.path("id").asText(""), functionCall.path("name").asText(),
                            functionCall.path("args"));
                    callAt = i;
                } else if (functionResponse.isObject()) {
                    response = functionResponse;
                    responseAt = i;
                }
            }
        }
        assertThat(call).as("functionCall part in %s", sent).isNotNull();
        assertThat(response).as("functionResponse part in %s", sent).isNotNull();
        return new ToolTurn(call, call.name(), response.path("name").asText(), response.path("response"),
                callAt < responseAt);
    }

    @Override
    public Image image(Recorded sent) {
        for (JsonNode part : sent.bodyJson().at("/contents/0/parts")) {
            JsonNode inline = field(part, "inlineData");
            if (inline.isObject()) {
                return new Image(field(inline, "mimeType").asText(), inline.path("data").asText());
            }
        }
        throw new AssertionError("no inlineData part in " + sent);
    }

    @Override
    public String toString() {
        return "gemini";
    }

    /** A field by its camelCase name, or its snake_case twin. */
    private static JsonNode field(JsonNode node, String camel) {
        return node.has(camel) ? node.get(camel) : node.path(camel.replaceAll("([A-Z])", "_$1").toLowerCase());
    }

    private static void functionCall(ArrayNode parts) {
        parts.addObject().putObject("functionCall").put("name", TOOL).set("args", ARGS);
    }

    private static String chunk(Consumer<ArrayNode> parts, boolean last, Usage usage) {
        ObjectNode response = Cases.object();
        ObjectNode candidate = response.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        parts.accept(content.putArray("parts"));
        content.put("role", "model");
        if (last) {
            candidate.put("finishReason", "STOP");
        }
        candidate.put("index", 0);
        ObjectNode metadata = response.putObject("usageMetadata").put("promptTokenCount", usage.input());
        if (usage.output() > 0) {
            metadata.put("candidatesTokenCount", usage.output());
        }
        metadata.put("totalTokenCount", usage.input() + usage.output());
        response.put("modelVersion", MODEL).put("responseId", "conformance-response");
        return response.toString();
    }
}
