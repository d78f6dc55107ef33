package dev.switchboard.wire.responses;

import static dev.switchboard.wire.responses.Fixtures.FORMAT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.ObjectMappers;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.SseException;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStatus;
import com.openai.models.responses.ResponseStreamEvent;
import dev.switchboard.core.ChatEvent;
import dev.switchboard.core.ChatEvent.MessageStart;
import dev.switchboard.core.ChatEvent.SignatureDelta;
import dev.switchboard.core.ChatEvent.Stop;
import dev.switchboard.core.ChatEvent.TextDelta;
import dev.switchboard.core.ChatEvent.ThinkingDelta;
import dev.switchboard.core.ChatEvent.ToolCallArgsDelta;
import dev.switchboard.core.ChatEvent.ToolCallStart;
import dev.switchboard.core.ChatEvent.UsageUpdate;
import dev.switchboard.core.ChatRequest;
import dev.switchboard.core.ChatResponse;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Message;
import dev.switchboard.core.Role;
import dev.switchboard.core.StopReason;
import dev.switchboard.core.Text;
import dev.switchboard.core.Thinking;
import dev.switchboard.core.ToolCall;
import dev.switchboard.core.Usage;
import dev.switchboard.core.WireFormat;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.Reply;
import dev.switchboard.wire.anthropic.AnthropicFormat;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the gateway writes for a Responses caller, read by openai-java's own client from a real HTTP
 * server: whole answers as {@link Response}, every stream event as a {@link ResponseStreamEvent},
 * the SDK's {@link ResponseAccumulator}, and its exceptions for errors.
 */
class ResponsesSdkTest {

    private static final String CLAUDE_SIGNATURE = "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds+/NfMJ2Kq==";
    private static final ResponseCreateParams PARAMS = ResponseCreateParams.builder().model("my-endpoint")
            .input("Weather in Paris?").build();

    private FakeUpstream server;
    private OpenAIClient client;

    @BeforeEach
    void start() {
        server = FakeUpstream.start();
        client = OpenAIOkHttpClient.builder().baseUrl(server.baseUrl() + "/v1").apiKey("not-needed").maxRetries(0)
                .build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static ChatRequest request() {
        return FORMAT.decodeRequest(Fixtures.json("request-multiturn.json"), true);
    }

    /** An answer with every kind of output item, from another format's provider. */
    private static ChatResponse answer(StopReason stop) {
        return new ChatResponse("msg_1", Optional.of("claude-sonnet-4-5"), List.of(new ChatResponse.Choice(
                new Message(Role.ASSISTANT, List.of(
                        new Thinking("Let me think.", Optional.of(CLAUDE_SIGNATURE)), new Text("Checking."),
                        new ToolCall("toolu_1", "get_weather", "{\"city\":\"Paris\"}"))), stop, Map.of())),
                new Usage(100, 50, 20, 0, 30), Map.of(), Optional.of(AnthropicFormat.INSTANCE));
    }

    /** The same answer as a stream of canonical events. */
    private static List<ChatEvent> events(StopReason stop) {
        return List.of(new MessageStart("msg_1", Optional.of("claude-sonnet-4-5"), Optional.of(AnthropicFormat.INSTANCE)),
                new ThinkingDelta(0, "Let me"), new ThinkingDelta(0, " think."), new SignatureDelta(0, CLAUDE_SIGNATURE),
                new TextDelta(1, "Check"), new TextDelta(1, "ing."),
                new ToolCallStart(2, "toolu_1", "get_weather"), new ToolCallArgsDelta(2, "{\"city\":"),
                new ToolCallArgsDelta(2, "\"Paris\"}"), new Stop(stop), new UsageUpdate(new Usage(100, 50, 20, 0, 30)));
    }

    private static List<String> frames(List<byte[]> bytes) {
        List<String> frames = new ArrayList<>();
        for (byte[] frame : bytes) {
            String text = new String(frame, StandardCharsets.UTF_8);
            assertThat(text).endsWith("\n\n");
            frames.add(text.substring(0, text.length() - 2));
        }
        return frames;
    }

    private static List<byte[]> encode(List<ChatEvent> events) {
        WireFormat.StreamEncoder encoder = FORMAT.streamEncoder(request(), "my-endpoint", "claude-sonnet-4-5");
        List<byte[]> out = new ArrayList<>();
        events.forEach(e -> out.addAll(encoder.encode(e)));
        out.addAll(encoder.finish());
        return out;
    }

    /** An output item as what it says, without its id: what a stream and a whole answer must agree on. */
    private static String describe(ResponseOutputItem item) {
        if (item.isMessage()) {
            return "message " + item.asMessage().status() + " " + item.asMessage().content().stream()
                    .map(c -> c.asOutputText().text()).toList();
        }
        if (item.isFunctionCall()) {
            var call = item.asFunctionCall();
            return "function_call " + call.callId() + " " + call.name() + " " + call.arguments() + " "
                    + call.status().orElseThrow();
        }
        var reasoning = item.asReasoning();
        return "reasoning " + reasoning.summary().stream().map(s -> s.text()).toList() + " "
                + reasoning.encryptedContent().orElse("-");
    }

    @Test
    void a_whole_answer_is_a_response_openai_java_reads_and_validates() {
        server.enqueue(Reply.json(FORMAT.encodeResponse(answer(StopReason.TOOL_USE), Optional.of(request()),
                "my-endpoint").toString()));

        Response response = client.responses().create(PARAMS);

        response.validate();
        assertThat(response.id()).startsWith("resp_");
        assertThat(response.model().asString()).isEqualTo("my-endpoint");
        assertThat(response.status()).contains(ResponseStatus.COMPLETED);
        assertThat(response.output()).extracting(ResponsesSdkTest::describe).containsExactly(
                "reasoning [Let me think.] swb1Anth" + CLAUDE_SIGNATURE,
                "message completed [Checking.]",
                "function_call toolu_1 get_weather {\"city\":\"Paris\"} completed");
        assertThat(response.usage().orElseThrow().inputTokens()).isEqualTo(100);
        assertThat(response.usage().orElseThrow().inputTokensDetails().cachedTokens()).isEqualTo(20);
        assertThat(response.usage().orElseThrow().outputTokensDetails().reasoningTokens()).isEqualTo(30);
        assertThat(response.usage().orElseThrow().totalTokens()).isEqualTo(150);
        assertThat(response.tools()).singleElement().satisfies(t -> assertThat(t.asFunction().name())
                .isEqualTo("get_weather"));
        assertThat(response.toolChoice().isFunction()).isTrue();
        assertThat(response.parallelToolCalls()).isTrue();
    }

    @Test
    void an_incomplete_answer_reads_as_incomplete_with_its_reason() {
        server.enqueue(Reply.json(FORMAT.encodeResponse(answer(StopReason.MAX_TOKENS), Optional.empty(), "my-endpoint").toString()));

        Response response = client.responses().create(PARAMS);

        response.validate();
        assertThat(response.status()).contains(ResponseStatus.INCOMPLETE);
        assertThat(response.incompleteDetails().orElseThrow().reason().orElseThrow().asString())
                .isEqualTo("max_output_tokens");
    }

    @Test
    void every_stream_event_parses_and_the_sdks_accumulated_response_is_what_was_sent() {
        List<byte[]> bytes = encode(events(StopReason.TOOL_USE));
        server.enqueue(Reply.sseFrames(frames(bytes)));

        ResponseAccumulator accumulator = ResponseAccumulator.create();
        List<ResponseStreamEvent> seen = new ArrayList<>();
        Map<String, StringBuilder> deltas = new LinkedHashMap<>();
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(PARAMS)) {
            stream.stream().forEach(event -> {
                event.validate();
                accumulator.accumulate(event);
                seen.add(event);
                event.outputTextDelta().ifPresent(d -> deltas.computeIfAbsent(d.itemId(), k -> new StringBuilder())
                        .append(d.delta()));
                event.functionCallArgumentsDelta().ifPresent(d -> deltas.computeIfAbsent(d.itemId(),
                        k -> new StringBuilder()).append(d.delta()));
                event.reasoningSummaryTextDelta().ifPresent(d -> deltas.computeIfAbsent(d.itemId(),
                        k -> new StringBuilder()).append(d.delta()));
            });
        }

        assertThat(seen).hasSize(bytes.size());
        for (int i = 0; i < seen.size(); i++) {
            assertThat(sequence(seen.get(i))).isEqualTo(i);
        }
        assertThat(seen.getFirst().isCreated()).isTrue();
        assertThat(seen.getLast().isCompleted()).isTrue();
        Response streamed = accumulator.response();
        streamed.validate();
        assertThat(streamed.status()).contains(ResponseStatus.COMPLETED);
        assertThat(streamed.model().asString()).isEqualTo("my-endpoint");
        assertThat(streamed.output()).extracting(ResponsesSdkTest::describe).containsExactly(
                "reasoning [Let me think.] swb1Anth" + CLAUDE_SIGNATURE,
                "message completed [Checking.]",
                "function_call toolu_1 get_weather {\"city\":\"Paris\"} completed");
        // What the deltas built is what the final response holds, item by item.
        assertThat(deltas.values()).extracting(StringBuilder::toString)
                .containsExactly("Let me think.", "Checking.", "{\"city\":\"Paris\"}");
        assertThat(deltas.keySet()).containsExactly(streamed.output().get(0).asReasoning().id(),
                streamed.output().get(1).asMessage().id(), streamed.output().get(2).asFunctionCall().id().orElseThrow());
        assertThat(streamed.usage().orElseThrow().totalTokens()).isEqualTo(150);

        // And the stream ends as the whole answer for the same content reads.
        Response whole = ObjectMappers.jsonMapper().convertValue(FORMAT.encodeResponse(answer(StopReason.TOOL_USE),
                Optional.of(request()), "my-endpoint"), Response.class);
        assertThat(streamed.output()).extracting(ResponsesSdkTest::describe)
                .isEqualTo(whole.output().stream().map(ResponsesSdkTest::describe).toList());
        assertThat(streamed.usage()).isEqualTo(whole.usage());
        assertThat(streamed.tools()).isEqualTo(whole.tools());
        assertThat(streamed.toolChoice()).isEqualTo(whole.toolChoice());
    }

    @Test
    void a_stream_cut_short_accumulates_as_an_incomplete_response() {
        server.enqueue(Reply.sseFrames(frames(encode(List.of(new MessageStart("m", Optional.empty()),
                new TextDelta(0, "Once upon"), new Stop(StopReason.MAX_TOKENS))))));

        ResponseAccumulator accumulator = ResponseAccumulator.create();
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(PARAMS)) {
            stream.stream().forEach(event -> accumulator.accumulate(event.validate()));
        }

        Response response = accumulator.response();
        assertThat(response.status()).contains(ResponseStatus.INCOMPLETE);
        assertThat(response.incompleteDetails().orElseThrow().reason().orElseThrow().asString())
                .isEqualTo("max_output_tokens");
        assertThat(response.output()).extracting(ResponsesSdkTest::describe)
                .containsExactly("message incomplete [Once upon]");
    }

    @Test
    void an_error_event_mid_stream_is_the_sdks_exception_with_the_gateways_message() {
        WireFormat.StreamEncoder encoder = FORMAT.streamEncoder(request(), "my-endpoint", "m");
        List<byte[]> bytes = new ArrayList<>(encoder.encode(new MessageStart("m", Optional.empty())));
        bytes.addAll(encoder.encode(new TextDelta(0, "Par")));
        bytes.addAll(encoder.flush());
        GatewayException failure = new GatewayException.UpstreamUnavailable("The provider broke the stream", null);
        bytes.add(FORMAT.errors().streamEvent(failure));
        server.enqueue(Reply.sseFrames(frames(bytes)));

        List<ResponseStreamEvent> seen = new ArrayList<>();
        SseException error;
        try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(PARAMS)) {
            error = catchThrowableOfType(SseException.class, () -> stream.stream().forEach(seen::add));
        }

        assertThat(seen).hasSize(5);
        assertThat(error.getMessage()).contains("The provider broke the stream");
        assertThat(error.code()).contains("temporarily_unavailable");
        assertThat(error.type()).contains("api_error");

        // Read with the documented event shape instead, the same event is a valid error event.
        String data = new String(FORMAT.errors().streamEvent(failure), StandardCharsets.UTF_8);
        assertThat(data).startsWith("event: error\ndata: ");
        ResponseStreamEvent event = ObjectMappers.jsonMapper().convertValue(
                Fixtures.parse(data.substring(data.indexOf('{')).trim()), ResponseStreamEvent.class);
        assertThat(event.validate().isError()).isTrue();
        assertThat(event.asError().message()).isEqualTo("The provider broke the stream");
        assertThat(event.asError().code()).contains("temporarily_unavailable");
    }

    @Test
    void an_error_body_is_the_sdks_typed_exception() {
        GatewayException.InvalidRequest invalid = new GatewayException.InvalidRequest(
                "'previous_response_id' is only supported when the endpoint's target is an OpenAI Responses provider");
        server.enqueue(Reply.json(400, new String(FORMAT.errors().body(invalid), StandardCharsets.UTF_8)));

        BadRequestException error = catchThrowableOfType(BadRequestException.class,
                () -> client.responses().create(PARAMS));

        assertThat(error.getMessage()).contains("'previous_response_id' is only supported");
        assertThat(error.type()).contains("invalid_request_error");
        assertThat(error.code()).contains("invalid_parameter_value");
    }

    private static long sequence(ResponseStreamEvent event) {
        return ObjectMappers.jsonMapper().valueToTree(event).get("sequence_number").asLong();
    }
}
