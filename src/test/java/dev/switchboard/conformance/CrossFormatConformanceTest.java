package dev.switchboard.conformance;

import static dev.switchboard.conformance.Cases.ANSWER;
import static dev.switchboard.conformance.Cases.ARGS;
import static dev.switchboard.conformance.Cases.BAD_REQUEST;
import static dev.switchboard.conformance.Cases.IMAGE_MEDIA_TYPE;
import static dev.switchboard.conformance.Cases.IMAGE_QUESTION;
import static dev.switchboard.conformance.Cases.PIECES;
import static dev.switchboard.conformance.Cases.PNG_BASE64;
import static dev.switchboard.conformance.Cases.RATE_LIMITED;
import static dev.switchboard.conformance.Cases.RESULT;
import static dev.switchboard.conformance.Cases.SCHEMA;
import static dev.switchboard.conformance.Cases.SIGNATURE;
import static dev.switchboard.conformance.Cases.SMALL_USAGE;
import static dev.switchboard.conformance.Cases.SYSTEM;
import static dev.switchboard.conformance.Cases.THINKING;
import static dev.switchboard.conformance.Cases.THOUGHTFUL_ANSWER;
import static dev.switchboard.conformance.Cases.TOOL;
import static dev.switchboard.conformance.Cases.TOOL_DESCRIPTION;
import static dev.switchboard.conformance.Cases.USAGE;
import static dev.switchboard.conformance.Cases.USER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.conformance.Cases.Ask;
import dev.switchboard.conformance.Cases.CallerError;
import dev.switchboard.conformance.Cases.Declared;
import dev.switchboard.conformance.Cases.Image;
import dev.switchboard.conformance.Cases.StreamSeen;
import dev.switchboard.conformance.Cases.Thinking;
import dev.switchboard.conformance.Cases.ToolCall;
import dev.switchboard.conformance.Cases.ToolTurn;
import dev.switchboard.conformance.ConformanceGateway.Answer;
import dev.switchboard.testing.Recorded;
import dev.switchboard.testing.Reply;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every surface (OpenAI chat, Anthropic, Gemini) calling every provider kind (OpenAI-compatible,
 * Anthropic, Gemini) through one running gateway: each case sends the surface's own JSON, reads the
 * surface's own answer, and checks what the fake provider received in its own format. Then
 * Anthropic's signed thinking, to every surface and back.
 */
class CrossFormatConformanceTest {

    @TempDir
    static Path dir;
    static ConformanceGateway gateway;
    static final AnthropicKind ANTHROPIC = new AnthropicKind();
    /** {@link Cases#SIGNATURE} as a caller of another format sees it: tagged as Anthropic's (see {@code Signatures}). */
    static final String TAGGED_SIGNATURE = "swb1Anth" + SIGNATURE;
    static final GeminiKind GEMINI = new GeminiKind();
    static final String GEMINI_SIGNATURE = "CiIBVKhc7oDtYKhK+0WqRn/6sRkCq3B4dO1lJx8B9Q==";

    /** Runs a case once per surface and provider kind. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ParameterizedTest(name = "{0} caller, {1} provider")
    @MethodSource("dev.switchboard.conformance.CrossFormatConformanceTest#combinations")
    @interface EveryCombination {
    }

    static Stream<Arguments> combinations() {
        return Surface.ALL.stream().flatMap(surface -> ProviderKind.ALL.stream().map(kind -> Arguments.of(surface, kind)));
    }

    @BeforeAll
    static void start() {
        gateway = ConformanceGateway.start(dir);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @EveryCombination
    void text_reaches_the_caller_in_its_format_and_the_provider_in_its_own(Surface surface, ProviderKind provider) {
        Exchange call = call(surface, provider, Ask.text(), provider.text(ANSWER, SMALL_USAGE));

        assertThat(surface.text(call.ok())).isEqualTo(ANSWER);
        assertThat(surface.stop(call.ok())).isEqualTo(surface.endTurn());
        assertThat(call.sent().path()).isEqualTo(provider.upstreamPath(false));
        provider.assertWellFormed(call.sent());
        assertThat(provider.model(call.sent())).isEqualTo(provider.model());
        assertThat(provider.streamed(call.sent())).isFalse();
        assertThat(provider.userText(call.sent())).isEqualTo(USER);
        assertThat(provider.system(call.sent())).isEqualTo(SYSTEM);
    }

    @EveryCombination
    void stream_deltas_add_up_to_the_text_and_end_with_the_surface_terminator(Surface surface, ProviderKind provider) {
        Exchange call = call(surface, provider, Ask.text().streamed(), provider.textStream(PIECES, SMALL_USAGE));

        StreamSeen seen = call.stream(surface);
        assertThat(seen.text()).isEqualTo(ANSWER);
        assertThat(seen.stop()).isEqualTo(surface.endTurn());
        assertThat(call.sent().path()).isEqualTo(provider.upstreamPath(true));
        assertThat(provider.streamed(call.sent())).isTrue();
        assertThat(provider.model(call.sent())).isEqualTo(provider.model());
        assertThat(provider.system(call.sent())).isEqualTo(SYSTEM);
    }

    @EveryCombination
    void a_tool_call_reaches_the_caller_with_its_name_and_arguments(Surface surface, ProviderKind provider) {
        Exchange call = call(surface, provider, Ask.withTool(), provider.toolCall());

        ToolCall toolCall = surface.toolCall(call.ok()).orElseThrow(() -> new AssertionError("no tool call: " + call));
        assertThat(toolCall.name()).isEqualTo(TOOL);
        assertThat(toolCall.args()).isEqualTo(ARGS);
        if (surface.linksCallsById()) {
            assertThat(toolCall.id()).isNotBlank();
        }
        assertThat(surface.stop(call.ok())).isEqualTo(surface.toolUse());
        assertThat(provider.declaredTool(call.sent())).isEqualTo(new Declared(TOOL, TOOL_DESCRIPTION, SCHEMA));
    }

    @EveryCombination
    void a_streamed_tool_call_is_reassembled_by_the_caller(Surface surface, ProviderKind provider) {
        Exchange call = call(surface, provider, Ask.withTool().streamed(), provider.toolCallStream());

        StreamSeen seen = call.stream(surface);
        ToolCall toolCall = seen.toolCall().orElseThrow(() -> new AssertionError("no tool call: " + call));
        assertThat(toolCall.name()).isEqualTo(TOOL);
        assertThat(toolCall.args()).isEqualTo(ARGS);
        if (surface.linksCallsById()) {
            assertThat(toolCall.id()).isNotBlank();
        }
        assertThat(seen.stop()).isEqualTo(surface.toolUse());
        assertThat(provider.streamed(call.sent())).isTrue();
        assertThat(provider.declaredTool(call.sent())).isEqualTo(new Declared(TOOL, TOOL_DESCRIPTION, SCHEMA));
    }

    @EveryCombination
    void a_tool_result_reaches_the_provider_linked_to_its_call(Surface surface, ProviderKind provider) {
        Exchange call = call(surface, provider, Ask.afterToolCall(), provider.text(ANSWER, SMALL_USAGE));

        assertThat(surface.text(call.ok())).isEqualTo(ANSWER);
        provider.assertWellFormed(call.sent());
        ToolTurn turn = provider.toolTurn(call.sent());
        assertThat(turn.call().name()).isEqualTo(TOOL);
        assertThat(turn.call().args()).isEqualTo(ARGS);
        assertThat(turn.resultKey()).as("what links the result to the call").isNotBlank().isEqualTo(turn.callKey());
        assertThat(turn.result()).isEqualTo(RESULT);
        assertThat(turn.resultAfterCall()).as("result comes after the call").isTrue();
        assertThat(provider.userText(call.sent())).isEqualTo(USER);
    }

    @EveryCombination
    void an_image_reaches_the_provider_with_the_same_bytes_and_media_type(Surface surface, ProviderKind provider) {
        Exchange call = call(surface, provider, Ask.withImage(), provider.text(ANSWER, SMALL_USAGE));

        assertThat(surface.text(call.ok())).isEqualTo(ANSWER);
        Image image = provider.image(call.sent());
        assertThat(image.mediaType()).isEqualTo(IMAGE_MEDIA_TYPE);
        assertThat(Base64.getDecoder().decode(image.base64())).isEqualTo(Base64.getDecoder().decode(PNG_BASE64));
        assertThat(provider.userText(call.sent())).isEqualTo(IMAGE_QUESTION);
    }

    @EveryCombination
    void usage_reaches_the_caller_in_its_format(Surface surface, ProviderKind provider) {
        Exchange call = call(surface, provider, Ask.text(), provider.text(ANSWER, USAGE));

        assertThat(surface.usage(call.ok())).isEqualTo(USAGE);
    }

    @EveryCombination
    void streamed_usage_reaches_the_caller_in_its_format(Surface surface, ProviderKind provider) {
        Exchange call = call(surface, provider, Ask.text().streamed(), provider.textStream(PIECES, USAGE));

        assertThat(call.stream(surface).usage()).contains(USAGE);
    }

    @EveryCombination
    void a_provider_400_comes_back_as_a_400_in_the_caller_error_shape(Surface surface, ProviderKind provider) {
        Exchange call = call(surface, provider, Ask.text(), provider.error(400, BAD_REQUEST));

        assertThat(call.answer().status()).as("status of %s", call.answer()).isEqualTo(400);
        CallerError error = surface.error(call.answer().json());
        assertThat(error.message()).contains(BAD_REQUEST);
        surface.errorKind(400).ifPresent(kind -> assertThat(error.kind()).isEqualTo(kind));
    }

    @EveryCombination
    void a_provider_429_comes_back_as_a_429_in_the_caller_error_shape(Surface surface, ProviderKind provider) {
        Exchange call = call(surface, provider, Ask.text(), provider.error(429, RATE_LIMITED));

        assertThat(call.answer().status()).as("status of %s", call.answer()).isEqualTo(429);
        CallerError error = surface.error(call.answer().json());
        assertThat(error.message()).contains(RATE_LIMITED);
        surface.errorKind(429).ifPresent(kind -> assertThat(error.kind()).isEqualTo(kind));
    }

    @ParameterizedTest(name = "{0} caller")
    @MethodSource("surfaces")
    void anthropic_thinking_reaches_the_caller_with_its_signature_where_the_format_has_room(Surface surface) {
        Exchange call = call(surface, ANTHROPIC, Ask.text(), Reply.json(AnthropicKind.THINKING_MESSAGE));

        assertThat(surface.text(call.ok())).isEqualTo(THOUGHTFUL_ANSWER);
        Thinking thinking = surface.thinking(call.ok());
        assertThat(thinking.text()).isEqualTo(THINKING);
        if (surface.carriesSignatures()) {
            assertThat(thinking.signature()).contains(surface instanceof AnthropicSurface ? SIGNATURE : TAGGED_SIGNATURE);
        }
    }

    static List<Surface> surfaces() {
        return Surface.ALL;
    }

    @Test
    void anthropic_thinking_is_passed_through_to_an_anthropic_caller_byte_exact() {
        Exchange call = call(new AnthropicSurface(), ANTHROPIC, Ask.text(), Reply.json(AnthropicKind.THINKING_MESSAGE));

        assertThat(call.ok().at("/content/0/signature").asText()).isEqualTo(SIGNATURE);
        assertThat(call.answer().body()).contains(AnthropicKind.THINKING_BLOCK);
    }

    @Test
    void a_prior_thinking_block_reaches_anthropic_with_its_signature_byte_exact() {
        String body = "{\"model\":\"" + ANTHROPIC.endpoint() + "\",\"max_tokens\":2048,"
                + "\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024},\"messages\":["
                + "{\"role\":\"user\",\"content\":\"What is 2 + 2?\"},"
                + "{\"role\":\"assistant\",\"content\":[" + AnthropicKind.THINKING_BLOCK
                + ",{\"type\":\"text\",\"text\":\"" + THOUGHTFUL_ANSWER + "\"}]},"
                + "{\"role\":\"user\",\"content\":\"And times 3?\"}]}";

        Exchange call = call("/gateway/anthropic/v1/messages", body, ANTHROPIC,
                ANTHROPIC.text("12", SMALL_USAGE));

        assertThat(call.ok().at("/content/0/text").asText()).isEqualTo("12");
        assertThat(call.sent().bodyText()).contains(AnthropicKind.THINKING_BLOCK);
        assertThat(call.sent().bodyJson().at("/messages/1/content/0")).isEqualTo(Cases.parse(AnthropicKind.THINKING_BLOCK));
    }

    /**
     * Anthropic requires the thinking block of a tool-use turn back, unmodified, with the tool
     * result. A Gemini caller gets it as a thought part with its signature and sends that content back.
     */
    @Test
    void a_gemini_caller_continuing_a_tool_call_sends_anthropic_thinking_back_with_its_signature() {
        GeminiSurface gemini = new GeminiSurface();
        ObjectNode body = (ObjectNode) Cases.parse(gemini.request(ANTHROPIC.endpoint(), Ask.withTool()));
        body.putObject("generationConfig").putObject("thinkingConfig").put("includeThoughts", true)
                .put("thinkingBudget", 1024);
        Exchange first = call(gemini.path(ANTHROPIC.endpoint(), false), body.toString(), ANTHROPIC,
                AnthropicKind.thinkingThenToolCall());
        JsonNode modelTurn = first.ok().at("/candidates/0/content");
        assertThat(gemini.thinking(first.ok()).signature()).contains(TAGGED_SIGNATURE);
        assertThat(Base64.getDecoder().decode(TAGGED_SIGNATURE)).as("still base64, the original bytes after the tag")
                .endsWith(Base64.getDecoder().decode(SIGNATURE));

        ArrayNode contents = (ArrayNode) body.path("contents");
        contents.add(modelTurn);
        contents.addObject().put("role", "user").putArray("parts").addObject().putObject("functionResponse")
                .put("name", TOOL).set("response", RESULT);
        Exchange second = call(gemini.path(ANTHROPIC.endpoint(), false), body.toString(), ANTHROPIC,
                ANTHROPIC.text(ANSWER, SMALL_USAGE));

        assertThat(gemini.text(second.ok())).isEqualTo(ANSWER);
        JsonNode assistant = second.sent().bodyJson().at("/messages/1");
        assertThat(assistant.at("/content/0")).as("assistant turn sent to Anthropic: %s", assistant)
                .isEqualTo(Cases.parse(AnthropicKind.THINKING_BLOCK));
        assertThat(assistant.at("/content/1/type").asText()).isEqualTo("tool_use");
    }

    /** The mirror case: a Gemini thought signature goes to an Anthropic caller tagged, and back to Gemini as it was. */
    @Test
    void an_anthropic_caller_continuing_a_tool_call_sends_gemini_thinking_back_with_its_signature() {
        AnthropicSurface anthropic = new AnthropicSurface();
        ObjectNode reply = Cases.object();
        ObjectNode candidate = reply.putArray("candidates").addObject().put("finishReason", "STOP").put("index", 0);
        ArrayNode parts = candidate.putObject("content").put("role", "model").putArray("parts");
        parts.addObject().put("text", THINKING).put("thought", true).put("thoughtSignature", GEMINI_SIGNATURE);
        parts.addObject().putObject("functionCall").put("name", TOOL).set("args", ARGS);
        reply.putObject("usageMetadata").put("promptTokenCount", 80).put("candidatesTokenCount", 20);
        ObjectNode body = (ObjectNode) Cases.parse(anthropic.request(GEMINI.endpoint(), Ask.withTool()));
        body.putObject("thinking").put("type", "enabled").put("budget_tokens", 1024);
        Exchange first = call(anthropic.path(GEMINI.endpoint(), false), body.toString(), GEMINI,
                Reply.json(reply.toString()));
        JsonNode content = first.ok().path("content");
        assertThat(anthropic.thinking(first.ok()).signature()).contains("swb1Gemi" + GEMINI_SIGNATURE);

        ArrayNode messages = (ArrayNode) body.path("messages");
        messages.addObject().put("role", "assistant").set("content", content);
        messages.addObject().put("role", "user").putArray("content").addObject().put("type", "tool_result")
                .put("tool_use_id", content.at("/1/id").asText()).put("content", RESULT.toString());
        Exchange second = call(anthropic.path(GEMINI.endpoint(), false), body.toString(), GEMINI,
                GEMINI.text(ANSWER, SMALL_USAGE));

        assertThat(anthropic.text(second.ok())).isEqualTo(ANSWER);
        JsonNode modelTurn = second.sent().bodyJson().at("/contents/1");
        assertThat(modelTurn.at("/parts/0")).as("model turn sent to Gemini: %s", modelTurn).isEqualTo(Cases.object()
                .put("text", THINKING).put("thought", true).put("thoughtSignature", GEMINI_SIGNATURE));
        assertThat(modelTurn.at("/parts/1/functionCall/name").asText()).isEqualTo(TOOL);
    }

    @Test
    void a_streamed_anthropic_signature_reaches_a_gemini_caller_tagged_and_an_anthropic_caller_as_sent() {
        Exchange gemini = call(new GeminiSurface(), ANTHROPIC, Ask.text().streamed(), AnthropicKind.thinkingStream());
        Exchange anthropic = call(new AnthropicSurface(), ANTHROPIC, Ask.text().streamed(),
                AnthropicKind.thinkingStream());

        gemini.stream(new GeminiSurface());
        assertThat(gemini.answer().body()).contains("\"thoughtSignature\":\"" + TAGGED_SIGNATURE + "\"");
        assertThat(anthropic.stream(new AnthropicSurface()).text()).isEqualTo(THOUGHTFUL_ANSWER);
        assertThat(anthropic.answer().body()).contains("\"signature\":\"" + SIGNATURE + "\"").doesNotContain("swb1");
    }

    @Test
    void pass_through_leaves_out_thinking_another_provider_signed() {
        String tagged = "{\"type\":\"thinking\",\"thinking\":\"theirs\",\"signature\":\"swb1Gemi" + GEMINI_SIGNATURE + "\"}";
        String toAnthropic = "{\"model\":\"" + ANTHROPIC.endpoint() + "\",\"max_tokens\":2048,\"messages\":["
                + "{\"role\":\"user\",\"content\":\"What is 2 + 2?\"},"
                + "{\"role\":\"assistant\",\"content\":[" + tagged + ",{\"type\":\"text\",\"text\":\"4\"}]},"
                + "{\"role\":\"user\",\"content\":\"And times 3?\"}]}";
        ObjectNode toGemini = (ObjectNode) Cases.parse(new GeminiSurface().request(GEMINI.endpoint(), Ask.text()));
        ArrayNode parts = ((ArrayNode) toGemini.get("contents")).addObject().put("role", "model").putArray("parts");
        parts.addObject().put("text", THINKING).put("thought", true).put("thoughtSignature", TAGGED_SIGNATURE);
        parts.addObject().put("text", "4");
        ((ArrayNode) toGemini.get("contents")).addObject().put("role", "user").putArray("parts").addObject()
                .put("text", "And times 3?");

        Exchange anthropic = call("/gateway/anthropic/v1/messages", toAnthropic, ANTHROPIC, ANTHROPIC.text("12", SMALL_USAGE));
        Exchange gemini = call(new GeminiSurface().path(GEMINI.endpoint(), false), toGemini.toString(), GEMINI,
                GEMINI.text("12", SMALL_USAGE));

        assertThat(anthropic.sent().bodyJson().at("/messages/1/content"))
                .isEqualTo(Cases.parse("[{\"type\":\"text\",\"text\":\"4\"}]"));
        assertThat(gemini.sent().bodyJson().at("/contents/1/parts")).isEqualTo(Cases.parse("[{\"text\":\"4\"}]"));
    }

    /**
     * Scripts {@code reply} as the provider's answer to every request (a default rather than a queue,
     * so a case that fails before reaching the provider leaves nothing behind for the next), makes
     * the call, and checks that exactly one request reached the provider.
     */
    static Exchange call(Surface surface, ProviderKind provider, Ask ask, Reply reply) {
        return call(surface.path(provider.endpoint(), ask.stream()), surface.request(provider.endpoint(), ask),
                provider, reply);
    }

    static Exchange call(String path, String body, ProviderKind provider, Reply reply) {
        gateway.upstream(provider).setDefault(reply);
        int before = gateway.upstream(provider).requestCount();
        Answer answer = gateway.post(path, body);
        List<Recorded> received = gateway.upstream(provider).received();
        assertThat(received).as("requests to the %s provider; the caller got %s", provider, answer)
                .hasSize(before + 1);
        return new Exchange(answer, received.getLast());
    }

    /** One call: what the caller got, and what the provider received. */
    record Exchange(Answer answer, Recorded sent) {
        /** The answer's JSON, after checking it is a 200 JSON answer. */
        JsonNode ok() {
            assertThat(answer.status()).as("status of %s", answer).isEqualTo(200);
            assertThat(answer.contentType()).as("content type of %s", answer).startsWith("application/json");
            return answer.json();
        }

        /** The answer as a 200 event stream that ended properly and carried no error event. */
        StreamSeen stream(Surface surface) {
            assertThat(answer.status()).as("status of %s", answer).isEqualTo(200);
            assertThat(answer.contentType()).as("content type of %s", answer).startsWith("text/event-stream");
            StreamSeen seen = surface.stream(answer.body());
            assertThat(seen.problems()).as("problems in %s", answer.body()).isEmpty();
            assertThat(seen.terminated()).as("%s terminator in %s", surface, answer.body()).isTrue();
            return seen;
        }
    }
}
