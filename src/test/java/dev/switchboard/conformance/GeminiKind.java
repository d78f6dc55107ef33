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
import dev.switchboard.testing.GeminiBodies;
import dev.switchboard.testing.Recorded;
import dev.switchboard.testing.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gemini: {@code POST {api_base}/v1beta/models/{model}:generateContent} and
 * {@code :streamGenerateContent?alt=sse}. Gemini's JSON accepts both camelCase and snake_case field
 * names, so the readers accept either. Thoughts come as parts marked {@code thought}, signed with a
 * {@code thoughtSignature}; a function call's part carries the signature of the thinking before it,
 * which Gemini 3 requires back on that part.
 */
final class GeminiKind implements ProviderKind {

    private static final String MODEL = "gemini-2.5-flash";
    /** What Gemini's thought-signature guide says to send for a call whose signature is not at hand. */
    static final String PLACEHOLDER = "skip_thought_signature_validator";

    @Override
    public String id() {
        return "gemini";
    }

    @Override
    public String model() {
        return MODEL;
    }

    @Override
    public Format format() {
        return Format.GEMINI;
    }

    @Override
    public String callId(int n) {
        return "";
    }

    @Override
    public Optional<String> thinkingSignature() {
        return Optional.of(Cases.GEMINI_SIGNATURE);
    }

    @Override
    public Reply reply(Turn turn, Mode mode) {
        if (!mode.stream()) {
            return Reply.json(response(parts(turn.blocks()), turn.finish(), turn.usage(), true).toString());
        }
        List<String> chunks = new ArrayList<>();
        List<ArrayNode> pieces = new ArrayList<>();
        for (Turn.Block block : turn.blocks()) {
            switch (block) {
                case Turn.Thought thought -> {
                    List<String> texts = Turn.pieces(thought.text(), 3);
                    for (int i = 0; i < texts.size(); i++) {
                        ObjectNode part = Cases.object().put("text", texts.get(i)).put("thought", true);
                        if (i == texts.size() - 1) {
                            thought.signature().ifPresent(signature -> part.put("thoughtSignature", signature));
                        }
                        pieces.add(Cases.array().add(part));
                    }
                }
                case Turn.Said said -> (said.text().equals(Cases.ANSWER) ? Cases.PIECES : Turn.pieces(said.text(), 3))
                        .forEach(text -> pieces.add(Cases.array().add(Cases.object().put("text", text))));
                case Turn.Call call -> {
                    if (pieces.isEmpty() || !pieces.getLast().path(0).has("functionCall")) {
                        pieces.add(Cases.array());
                    }
                    pieces.getLast().add(part(call));
                }
            }
        }
        if (pieces.isEmpty()) {
            pieces.add(Cases.array());
        }
        for (int i = 0; i < pieces.size(); i++) {
            boolean last = i == pieces.size() - 1;
            Usage usage = last ? turn.usage() : new Usage(turn.usage().input(), 0);
            chunks.add(response(pieces.get(i), last ? turn.finish() : null, usage, last).toString());
        }
        return Reply.sse(chunks);
    }

    private static ArrayNode parts(List<Turn.Block> blocks) {
        ArrayNode parts = Cases.array();
        for (Turn.Block block : blocks) {
            switch (block) {
                case Turn.Thought thought -> {
                    ObjectNode part = parts.addObject().put("text", thought.text()).put("thought", true);
                    thought.signature().ifPresent(signature -> part.put("thoughtSignature", signature));
                }
                case Turn.Said said -> parts.addObject().put("text", said.text());
                case Turn.Call call -> parts.add(part(call));
            }
        }
        return parts;
    }

    private static ObjectNode part(Turn.Call call) {
        ObjectNode part = Cases.object();
        part.putObject("functionCall").put("name", call.name()).set("args", call.args());
        call.signature().ifPresent(signature -> part.put("thoughtSignature", signature));
        return part;
    }

    /**
     * One GenerateContentResponse. A content-filter finish has no content, as Gemini sends it; the
     * usage counts thoughts apart from the candidates.
     */
    private static ObjectNode response(ArrayNode parts, Turn.Finish finish, Usage usage, boolean full) {
        ObjectNode response = Cases.object();
        ObjectNode candidate = response.putArray("candidates").addObject();
        if (finish != Turn.Finish.CONTENT_FILTER) {
            candidate.putObject("content").put("role", "model").set("parts", parts);
        }
        if (finish != null) {
            candidate.put("finishReason", switch (finish) {
                case END_TURN, TOOL_USE, STOP_SEQUENCE -> "STOP";
                case MAX_TOKENS -> "MAX_TOKENS";
                case CONTENT_FILTER -> "SAFETY";
            });
        }
        if (finish == Turn.Finish.CONTENT_FILTER) {
            candidate.putArray("safetyRatings").addObject().put("category", "HARM_CATEGORY_DANGEROUS_CONTENT")
                    .put("probability", "HIGH").put("blocked", true);
        }
        candidate.put("index", 0);
        ObjectNode metadata = response.putObject("usageMetadata").put("promptTokenCount", usage.input());
        if (full) {
            metadata.put("candidatesTokenCount", usage.output() - usage.reasoning());
            if (usage.reasoning() > 0) {
                metadata.put("thoughtsTokenCount", usage.reasoning());
            }
            if (usage.cacheRead() > 0) {
                metadata.put("cachedContentTokenCount", usage.cacheRead());
            }
        }
        metadata.put("totalTokenCount", usage.input() + (full ? usage.output() : 0));
        response.put("modelVersion", MODEL).put("responseId", "conformance-response");
        return response;
    }

    @Override
    public Reply error(int status, String message, Map<String, String> headers) {
        String name = switch (status) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 503 -> "UNAVAILABLE";
            default -> "INTERNAL";
        };
        Reply.Json reply = Reply.json(status, GeminiBodies.error(status, name, message));
        for (Map.Entry<String, String> header : headers.entrySet()) {
            reply = reply.header(header.getKey(), header.getValue());
        }
        return reply;
    }

    @Override
    public Reply streamError(List<String> pieces, String message) {
        List<String> chunks = new ArrayList<>();
        pieces.forEach(piece -> chunks.add(response(Cases.array().add(Cases.object().put("text", piece)), null,
                new Usage(8, 0), false).toString()));
        chunks.add(GeminiBodies.error(500, "INTERNAL", message));
        return Reply.sse(chunks);
    }

    @Override
    public Usage cachedUsage() {
        return Cases.CACHE_READ_USAGE;
    }

    @Override
    public Map<String, String> answerHeaders() {
        return Map.of();
    }

    @Override
    public Reply embeddings(int count, int dims) {
        return Reply.json(GeminiBodies.embeddings(count, dims));
    }

    @Override
    public String upstreamPath(boolean stream) {
        return "/v1beta/models/" + MODEL + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
    }

    @Override
    public String embeddingsPath() {
        return "/v1beta/models/" + MODEL + ":batchEmbedContents";
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
        assertThat(sent.header("x-goog-api-key")).as("x-goog-api-key header").hasValue(ConformanceGateway.key(this));
        if (sent.path().endsWith(":batchEmbedContents")) {
            JsonNode requests = sent.bodyJson().path("requests");
            assertThat(requests.isArray() && !requests.isEmpty()).as("requests in %s", sent).isTrue();
            requests.forEach(request -> assertThat(request.path("model").asText()).as("each request's model in %s", sent)
                    .isEqualTo("models/" + MODEL));
            return;
        }
        JsonNode contents = sent.bodyJson().path("contents");
        assertThat(contents.isArray() && !contents.isEmpty()).as("contents in %s", sent).isTrue();
        for (JsonNode content : contents) {
            assertThat(content.path("role").asText()).as("roles in %s", sent).isIn("user", "model");
            for (JsonNode part : content.path("parts")) {
                assertThat(field(part, "thoughtSignature").asText("-")).as("a signature Gemini did not make, in %s",
                        sent).doesNotStartWith("swb1").isNotEmpty();
            }
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
    public List<Declared> declaredTools(Recorded sent) {
        List<Declared> declared = new ArrayList<>();
        for (JsonNode tool : sent.bodyJson().path("tools")) {
            for (JsonNode declaration : field(tool, "functionDeclarations")) {
                JsonNode schema = declaration.has("parameters") ? declaration.get("parameters")
                        : field(declaration, "parametersJsonSchema");
                declared.add(new Declared(declaration.path("name").asText(), declaration.path("description").asText(),
                        schema));
            }
        }
        return declared;
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
    public Output output(Recorded sent) {
        JsonNode config = field(sent.bodyJson(), "generationConfig");
        if (!field(config, "responseMimeType").asText("").equals("application/json")) {
            return new Output(Output.Kind.ANY, Cases.object());
        }
        JsonNode schema = config.has("responseJsonSchema") ? config.get("responseJsonSchema")
                : field(config, "responseSchema");
        return schema.isObject() ? new Output(Output.Kind.JSON_SCHEMA, schema)
                : new Output(Output.Kind.JSON_OBJECT, Cases.object());
    }

    @Override
    public List<String> stopSequences(Recorded sent) {
        List<String> stops = new ArrayList<>();
        field(field(sent.bodyJson(), "generationConfig"), "stopSequences").forEach(stop -> stops.add(stop.asText()));
        return stops;
    }

    @Override
    public Sampled sampling(Recorded sent) {
        JsonNode config = field(sent.bodyJson(), "generationConfig");
        return new Sampled(config.has("temperature") ? config.get("temperature").asDouble() : null,
                field(config, "topP").isNumber() ? field(config, "topP").asDouble() : null,
                field(config, "topK").isNumber() ? field(config, "topK").asInt() : null,
                field(config, "maxOutputTokens").isNumber() ? field(config, "maxOutputTokens").asInt() : null);
    }

    @Override
    public JsonNode reasoning(Recorded sent) {
        ObjectNode reasoning = Cases.object();
        JsonNode thinking = field(field(sent.bodyJson(), "generationConfig"), "thinkingConfig");
        if (thinking.isObject()) {
            reasoning.set("thinkingConfig", thinking);
        }
        return reasoning;
    }

    /**
     * Gemini's rules for function calling: the model turn holds the calls as Gemini made them, each
     * with the thought signature it came with (Gemini 3 refuses a call sent back without it; its
     * guide names a placeholder for a history whose signatures are lost), and the next turn is the
     * user's, with one functionResponse per call, in order, by name.
     */
    @Override
    public void assertAcceptsHistory(Recorded sent, History history) {
        JsonNode contents = sent.bodyJson().path("contents");
        int at = -1;
        for (int i = 0; i < contents.size(); i++) {
            for (JsonNode part : contents.get(i).path("parts")) {
                if (field(part, "functionCall").isObject()) {
                    at = i;
                }
            }
        }
        assertThat(at).as("a model turn with function calls in %s", sent).isNotNegative();
        JsonNode model = contents.get(at);
        assertThat(model.path("role").asText()).isEqualTo("model");
        List<JsonNode> calls = new ArrayList<>();
        model.path("parts").forEach(part -> {
            if (field(part, "functionCall").isObject()) {
                calls.add(part);
            }
        });
        List<Turn.Call> made = history.first().toolCalls();
        assertThat(calls).as("function calls sent back in %s", sent).hasSize(made.size());
        for (int k = 0; k < made.size(); k++) {
            JsonNode call = field(calls.get(k), "functionCall");
            assertThat(call.path("name").asText()).isEqualTo(made.get(k).name());
            assertThat(call.path("args")).isEqualTo(made.get(k).args());
            Optional<String> signature = made.get(k).signature();
            if (signature.isPresent()) {
                assertThat(field(calls.get(k), "thoughtSignature").asText()).as("thought signature of call %d in %s",
                        k, sent).isEqualTo(history.placeholder() ? PLACEHOLDER : signature.get());
            }
        }
        assertThat(at + 1).as("a user turn after the calls in %s", sent).isLessThan(contents.size());
        JsonNode next = contents.get(at + 1);
        assertThat(next.path("role").asText()).isEqualTo("user");
        List<String> names = new ArrayList<>();
        next.path("parts").forEach(part -> names.add(field(part, "functionResponse").path("name").asText()));
        assertThat(names).as("one functionResponse per call, in order, in %s", sent)
                .isEqualTo(made.stream().map(Turn.Call::name).toList());
    }

    @Override
    public List<String> embeddingInputs(Recorded sent) {
        List<String> inputs = new ArrayList<>();
        sent.bodyJson().path("requests").forEach(request -> inputs.add(Cases.joinedText(request.at("/content/parts"))));
        return inputs;
    }

    @Override
    public String toString() {
        return "gemini";
    }

    /** A field by its camelCase name, or its snake_case twin. */
    static JsonNode field(JsonNode node, String camel) {
        return node.has(camel) ? node.get(camel) : node.path(camel.replaceAll("([A-Z])", "_$1").toLowerCase());
    }
}
