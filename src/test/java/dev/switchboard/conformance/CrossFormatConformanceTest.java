package dev.switchboard.conformance;

import static dev.switchboard.conformance.Cases.ANSWER;
import static dev.switchboard.conformance.Cases.ARGS;
import static dev.switchboard.conformance.Cases.GEMINI_SIGNATURE;
import static dev.switchboard.conformance.Cases.RESULT;
import static dev.switchboard.conformance.Cases.SIGNATURE;
import static dev.switchboard.conformance.Cases.SMALL_USAGE;
import static dev.switchboard.conformance.Cases.THINKING;
import static dev.switchboard.conformance.Cases.THOUGHTFUL_ANSWER;
import static dev.switchboard.conformance.Cases.TOOL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.conformance.Cases.Ask;
import dev.switchboard.conformance.ConformanceGateway.Answer;
import dev.switchboard.testing.Recorded;
import dev.switchboard.testing.Reply;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thinking signatures byte for byte, beyond what the matrix's cells compare as JSON: a signed block
 * passed through unchanged both ways, a Gemini thought part going back to Gemini as it came, and
 * thinking another provider signed left out on pass-through.
 */
class CrossFormatConformanceTest {

    @TempDir
    static Path dir;
    static ConformanceGateway gateway;
    static final AnthropicKind ANTHROPIC = ProviderKind.ANTHROPIC;
    static final GeminiKind GEMINI = ProviderKind.GEMINI;
    /** {@link Cases#SIGNATURE} as a caller of another format sees it: tagged as Anthropic's (see {@code Signatures}). */
    static final String TAGGED_SIGNATURE = "swb1Anth" + SIGNATURE;

    @BeforeAll
    static void start() {
        gateway = ConformanceGateway.start(dir);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void anthropic_thinking_is_passed_through_to_an_anthropic_caller_byte_exact() {
        Answer answer = call(Surface.ANTHROPIC.path(ANTHROPIC.endpoint(), false),
                Surface.ANTHROPIC.request(ANTHROPIC.endpoint(), Ask.text(Mode.UNARY)), ANTHROPIC,
                Reply.json(AnthropicKind.THINKING_MESSAGE)).answer;

        assertThat(answer.json().at("/content/0/signature").asText()).isEqualTo(SIGNATURE);
        assertThat(answer.body()).contains(AnthropicKind.THINKING_BLOCK);
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
                ANTHROPIC.reply(Turn.text("12", SMALL_USAGE), Mode.UNARY));

        assertThat(call.answer.json().at("/content/0/text").asText()).isEqualTo("12");
        assertThat(call.sent.bodyText()).contains(AnthropicKind.THINKING_BLOCK);
        assertThat(call.sent.bodyJson().at("/messages/1/content/0")).isEqualTo(Cases.parse(AnthropicKind.THINKING_BLOCK));
    }

    /** A Gemini thought signature goes to an Anthropic caller tagged, and back to Gemini on its thought part as it was. */
    @Test
    void an_anthropic_caller_continuing_a_tool_call_sends_gemini_thinking_back_with_its_signature() {
        AnthropicSurface anthropic = Surface.ANTHROPIC;
        ObjectNode reply = Cases.object();
        ObjectNode candidate = reply.putArray("candidates").addObject().put("finishReason", "STOP").put("index", 0);
        ArrayNode parts = candidate.putObject("content").put("role", "model").putArray("parts");
        parts.addObject().put("text", THINKING).put("thought", true).put("thoughtSignature", GEMINI_SIGNATURE);
        parts.addObject().putObject("functionCall").put("name", TOOL).set("args", ARGS);
        reply.putObject("usageMetadata").put("promptTokenCount", 80).put("candidatesTokenCount", 20);
        ObjectNode body = (ObjectNode) Cases.parse(anthropic.request(GEMINI.endpoint(), Ask.withTool(Mode.UNARY)));
        body.putObject("thinking").put("type", "enabled").put("budget_tokens", 1024);
        Exchange first = call(anthropic.path(GEMINI.endpoint(), false), body.toString(), GEMINI,
                Reply.json(reply.toString()));
        JsonNode content = first.answer.json().path("content");
        assertThat(anthropic.thinking(first.answer.json()).getFirst().signature()).contains("swb1Gemi" + GEMINI_SIGNATURE);

        ArrayNode messages = (ArrayNode) body.path("messages");
        messages.addObject().put("role", "assistant").set("content", content);
        messages.addObject().put("role", "user").putArray("content").addObject().put("type", "tool_result")
                .put("tool_use_id", content.at("/1/id").asText()).put("content", RESULT.toString());
        Exchange second = call(anthropic.path(GEMINI.endpoint(), false), body.toString(), GEMINI,
                GEMINI.reply(Turn.text(ANSWER, SMALL_USAGE), Mode.UNARY));

        assertThat(anthropic.text(second.answer.json())).isEqualTo(ANSWER);
        JsonNode modelTurn = second.sent.bodyJson().at("/contents/1");
        assertThat(modelTurn.at("/parts/0")).as("model turn sent to Gemini: %s", modelTurn).isEqualTo(Cases.object()
                .put("text", THINKING).put("thought", true).put("thoughtSignature", GEMINI_SIGNATURE));
        assertThat(modelTurn.at("/parts/1/functionCall/name").asText()).isEqualTo(TOOL);
    }

    @Test
    void pass_through_leaves_out_thinking_another_provider_signed() {
        String tagged = "{\"type\":\"thinking\",\"thinking\":\"theirs\",\"signature\":\"swb1Gemi" + GEMINI_SIGNATURE + "\"}";
        String toAnthropic = "{\"model\":\"" + ANTHROPIC.endpoint() + "\",\"max_tokens\":2048,\"messages\":["
                + "{\"role\":\"user\",\"content\":\"What is 2 + 2?\"},"
                + "{\"role\":\"assistant\",\"content\":[" + tagged + ",{\"type\":\"text\",\"text\":\"4\"}]},"
                + "{\"role\":\"user\",\"content\":\"And times 3?\"}]}";
        ObjectNode toGemini = (ObjectNode) Cases.parse(Surface.GEMINI.request(GEMINI.endpoint(), Ask.text(Mode.UNARY)));
        ArrayNode parts = ((ArrayNode) toGemini.get("contents")).addObject().put("role", "model").putArray("parts");
        parts.addObject().put("text", THINKING).put("thought", true).put("thoughtSignature", TAGGED_SIGNATURE);
        parts.addObject().put("text", "4");
        ((ArrayNode) toGemini.get("contents")).addObject().put("role", "user").putArray("parts").addObject()
                .put("text", "And times 3?");

        Exchange anthropic = call("/gateway/anthropic/v1/messages", toAnthropic, ANTHROPIC,
                ANTHROPIC.reply(Turn.text("12", SMALL_USAGE), Mode.UNARY));
        Exchange gemini = call(Surface.GEMINI.path(GEMINI.endpoint(), false), toGemini.toString(), GEMINI,
                GEMINI.reply(Turn.text("12", SMALL_USAGE), Mode.UNARY));

        assertThat(anthropic.sent.bodyJson().at("/messages/1/content"))
                .isEqualTo(Cases.parse("[{\"type\":\"text\",\"text\":\"4\"}]"));
        assertThat(gemini.sent.bodyJson().at("/contents/1/parts")).isEqualTo(Cases.parse("[{\"text\":\"4\"}]"));
    }

    /** Scripts {@code reply}, makes the call, and checks that exactly one request reached the provider. */
    static Exchange call(String path, String body, ProviderKind provider, Reply reply) {
        gateway.upstream(provider).setDefault(reply);
        int before = gateway.upstream(provider).requestCount();
        Answer answer = gateway.post(path, body);
        List<Recorded> received = gateway.upstream(provider).received();
        assertThat(received).as("requests to the %s provider; the caller got %s", provider, answer)
                .hasSize(before + 1);
        assertThat(answer.status()).as("status of %s", answer).isEqualTo(200);
        return new Exchange(answer, received.getLast());
    }

    /** One call: what the caller got, and what the provider received. */
    record Exchange(Answer answer, Recorded sent) {
    }
}
