package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFormatTextJsonSchemaConfig;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.ResponseTextConfig;
import dev.switchboard.testing.AnthropicBodies;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.GeminiBodies;
import dev.switchboard.testing.Recorded;
import dev.switchboard.testing.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /gateway/openai/v1/responses} driven by openai-java's own {@code responses()} client: passed
 * through to OpenAI (which speaks Responses), and translated to Anthropic and Gemini, whole and
 * streamed, with a full tool-call round trip and structured output.
 */
class ResponsesRoutesTest {

    @TempDir
    static Path dir;
    static GatewayFixture fixture;
    static FakeUpstream openai;
    static FakeUpstream anthropic;
    static FakeUpstream gemini;
    static OpenAIClient sdk;

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(dir);
        openai = fixture.upstream();
        anthropic = fixture.upstream();
        gemini = fixture.upstream();
        fixture.endpoint("gpt", fixture.definition("openai", openai.baseUrl(), "gpt-4.1"));
        fixture.endpoint("claude", fixture.definition("anthropic", anthropic.baseUrl(), "claude-sonnet-4-5"));
        fixture.endpoint("flash", fixture.definition("gemini", gemini.baseUrl(), "gemini-2.5-flash"));
        sdk = fixture.openai();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    private static String fixtureText(String name) {
        try (var in = Objects.requireNonNull(ResponsesRoutesTest.class.getResourceAsStream("/fixtures/responses/" + name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Response response) {
        StringBuilder text = new StringBuilder();
        for (ResponseOutputItem item : response.output()) {
            item.message().ifPresent(m -> m.content().forEach(c -> c.outputText().ifPresent(t -> text.append(t.text()))));
        }
        return text.toString();
    }

    private static List<ResponseFunctionToolCall> calls(Response response) {
        return response.output().stream().flatMap(item -> item.functionCall().stream()).toList();
    }

    private static Response streamed(ResponseCreateParams params, List<String> deltas) {
        ResponseAccumulator accumulator = ResponseAccumulator.create();
        try (StreamResponse<ResponseStreamEvent> stream = sdk.responses().createStreaming(params)) {
            stream.stream().forEach(event -> {
                accumulator.accumulate(event);
                event.outputTextDelta().ifPresent(d -> deltas.add(d.delta()));
            });
        }
        return accumulator.response();
    }

    private static final FunctionTool WEATHER = FunctionTool.builder().name("get_weather")
            .description("The weather in a city").strict(false)
            .parameters(FunctionTool.Parameters.builder()
                    .putAdditionalProperty("type", JsonValue.from("object"))
                    .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                    .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                    .build())
            .build();

    @Test
    void text_to_openai_is_passed_through_to_its_responses_api_with_only_the_model_replaced() {
        openai.enqueue(Reply.json(fixtureText("response-text.json")));

        Response response = sdk.responses().create(ResponseCreateParams.builder().model("gpt")
                .instructions("Be brief").input("Tell me a story").store(false).build());

        assertThat(text(response)).startsWith("In a peaceful grove");
        assertThat(response.usage().orElseThrow().inputTokens()).isEqualTo(36);
        Recorded sent = openai.received().getLast();
        assertThat(sent.path()).isEqualTo("/responses");
        assertThat(sent.header("Authorization")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer sk-test-"));
        assertThat(sent.bodyJson().path("model").asText()).isEqualTo("gpt-4.1");
        assertThat(sent.bodyJson().path("instructions").asText()).isEqualTo("Be brief");
        assertThat(sent.bodyJson().path("store").asBoolean(true)).isFalse();
    }

    @Test
    void a_stream_from_openai_is_relayed_event_by_event() {
        List<String> frames = Arrays.stream(fixtureText("stream-text.sse").split("\n\n"))
                .map(String::strip).filter(f -> !f.isEmpty()).toList();
        openai.enqueue(Reply.sseFrames(frames));

        List<String> deltas = new ArrayList<>();
        Response response = streamed(ResponseCreateParams.builder().model("gpt").input("Hi").build(), deltas);

        assertThat(String.join("", deltas)).isEqualTo("Hi there!");
        assertThat(text(response)).isEqualTo("Hi there!");
        assertThat(openai.received().getLast().bodyJson().path("stream").asBoolean()).isTrue();
    }

    @Test
    void previous_response_id_reaches_openai_on_pass_through() {
        openai.enqueue(Reply.json(fixtureText("response-text.json")));

        sdk.responses().create(ResponseCreateParams.builder().model("gpt").input("And then?")
                .previousResponseId("resp_earlier").build());

        assertThat(openai.received().getLast().bodyJson().path("previous_response_id").asText())
                .isEqualTo("resp_earlier");
    }

    @Test
    void text_to_anthropic_is_translated_both_ways() {
        anthropic.enqueue(Reply.json(AnthropicBodies.message("claude-sonnet-4-5", "Hi from Claude", 12, 5)));

        Response response = sdk.responses().create(ResponseCreateParams.builder().model("claude")
                .instructions("Be brief").input("Hello").maxOutputTokens(200).build());

        assertThat(text(response)).isEqualTo("Hi from Claude");
        assertThat(response.model().asString()).isEqualTo("claude");
        assertThat(response.usage().orElseThrow().outputTokens()).isEqualTo(5);
        JsonNode sent = anthropic.received().getLast().bodyJson();
        assertThat(sent.path("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(sent.path("system").toString()).contains("Be brief");
        assertThat(sent.path("messages").get(0).toString()).contains("Hello");
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(200);
    }

    @Test
    void a_stream_from_anthropic_reaches_the_sdk_as_responses_events() {
        anthropic.enqueue(Reply.sseFrames(AnthropicBodies.stream("claude-sonnet-4-5", List.of("Tra", "ns", "lated"))));

        List<String> deltas = new ArrayList<>();
        Response response = streamed(ResponseCreateParams.builder().model("claude").input("Hi").build(), deltas);

        assertThat(deltas).containsExactly("Tra", "ns", "lated");
        assertThat(text(response)).isEqualTo("Translated");
        assertThat(response.status()).hasValueSatisfying(s -> assertThat(s.asString()).isEqualTo("completed"));
    }

    @Test
    void a_tool_call_round_trip_through_anthropic() {
        anthropic.enqueue(Reply.json("""
                {"id": "msg_1", "type": "message", "role": "assistant", "model": "claude-sonnet-4-5",
                 "content": [{"type": "tool_use", "id": "toolu_01", "name": "get_weather", "input": {"city": "Paris"}}],
                 "stop_reason": "tool_use", "stop_sequence": null, "usage": {"input_tokens": 20, "output_tokens": 10}}"""));
        EasyInputMessage question = EasyInputMessage.builder().role(EasyInputMessage.Role.USER)
                .content("Weather in Paris?").build();

        Response first = sdk.responses().create(ResponseCreateParams.builder().model("claude")
                .inputOfResponse(List.of(ResponseInputItem.ofEasyInputMessage(question))).addTool(WEATHER).build());

        ResponseFunctionToolCall call = calls(first).getFirst();
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call.callId()).isEqualTo("toolu_01");
        assertThat(call.arguments()).contains("Paris");
        assertThat(anthropic.received().getLast().bodyJson().at("/tools/0/name").asText()).isEqualTo("get_weather");

        anthropic.enqueue(Reply.json(AnthropicBodies.message("claude-sonnet-4-5", "Sunny, 21 °C", 40, 6)));
        Response second = sdk.responses().create(ResponseCreateParams.builder().model("claude").addTool(WEATHER)
                .inputOfResponse(List.of(ResponseInputItem.ofEasyInputMessage(question),
                        ResponseInputItem.ofFunctionCall(call),
                        ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                                .callId(call.callId()).output("{\"sky\": \"sunny\", \"celsius\": 21}").build())))
                .build());

        assertThat(text(second)).isEqualTo("Sunny, 21 °C");
        JsonNode messages = anthropic.received().getLast().bodyJson().path("messages");
        assertThat(messages.get(1).at("/content/0/type").asText()).isEqualTo("tool_use");
        assertThat(messages.get(1).at("/content/0/id").asText()).isEqualTo("toolu_01");
        assertThat(messages.get(2).at("/content/0/type").asText()).isEqualTo("tool_result");
        assertThat(messages.get(2).at("/content/0/tool_use_id").asText()).isEqualTo("toolu_01");
        assertThat(messages.get(2).at("/content/0").toString()).contains("sunny");
    }

    @Test
    void a_tool_call_from_gemini_comes_back_as_a_function_call_item() {
        gemini.enqueue(Reply.json("""
                {"candidates": [{"content": {"role": "model", "parts": [
                  {"functionCall": {"name": "get_weather", "args": {"city": "Paris"}}}]},
                  "finishReason": "STOP", "index": 0}],
                 "usageMetadata": {"promptTokenCount": 20, "candidatesTokenCount": 10, "totalTokenCount": 30},
                 "modelVersion": "gemini-2.5-flash"}"""));

        Response response = sdk.responses().create(ResponseCreateParams.builder().model("flash")
                .input("Weather in Paris?").addTool(WEATHER).build());

        ResponseFunctionToolCall call = calls(response).getFirst();
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call.callId()).isNotBlank();
        assertThat(call.arguments()).contains("Paris");
        JsonNode sent = gemini.received().getLast().bodyJson();
        assertThat(sent.at("/tools/0/functionDeclarations/0/name").asText()).isEqualTo("get_weather");
    }

    @Test
    void structured_output_reaches_gemini_as_its_json_schema() {
        gemini.enqueue(Reply.json(GeminiBodies.response("{\\\"city\\\": \\\"Paris\\\", \\\"celsius\\\": 21}", 15, 9)));

        Response response = sdk.responses().create(ResponseCreateParams.builder().model("flash")
                .input("Weather in Paris as JSON")
                .text(ResponseTextConfig.builder().format(ResponseFormatTextJsonSchemaConfig.builder()
                        .name("weather").strict(true)
                        .schema(ResponseFormatTextJsonSchemaConfig.Schema.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty("properties", JsonValue.from(Map.of(
                                        "city", Map.of("type", "string"), "celsius", Map.of("type", "number"))))
                                .build())
                        .build()).build())
                .build());

        assertThat(text(response)).isEqualTo("{\"city\": \"Paris\", \"celsius\": 21}");
        JsonNode config = gemini.received().getLast().bodyJson().path("generationConfig");
        assertThat(config.path("responseMimeType").asText()).isEqualTo("application/json");
        assertThat(config.toString()).contains("celsius");
    }

    @Test
    void previous_response_id_is_refused_clearly_when_the_target_cannot_keep_the_conversation() {
        int before = anthropic.received().size();

        BadRequestException refused = catchThrowableOfType(BadRequestException.class, () -> sdk.responses().create(
                ResponseCreateParams.builder().model("claude").input("And then?").previousResponseId("resp_1").build()));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.getMessage()).contains("previous_response_id");
        assertThat(anthropic.received()).hasSize(before);
    }

    @Test
    void an_unknown_endpoint_is_a_404_in_openais_shape() {
        var answer = fixture.exchange("POST", "/gateway/openai/v1/responses", """
                {"model": "nope", "input": "Hi"}""", "Content-Type", "application/json");

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).contains("\"error\"").contains("nope");
    }
}
