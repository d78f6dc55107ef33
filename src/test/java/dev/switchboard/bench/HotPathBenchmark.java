package dev.switchboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.access.Tokens;
import dev.switchboard.config.EndpointSnapshot;
import dev.switchboard.core.ChatEvent;
import dev.switchboard.core.ChatRequest;
import dev.switchboard.core.Credentials;
import dev.switchboard.core.SseEvent;
import dev.switchboard.provider.SseReader;
import dev.switchboard.provider.Target;
import dev.switchboard.provider.Timeouts;
import dev.switchboard.routing.Router;
import dev.switchboard.wire.anthropic.AnthropicCodec;
import dev.switchboard.wire.openai.OpenAiChatCodec;
import dev.switchboard.wire.openai.OpenAiStreamDecoder;
import dev.switchboard.wire.openai.OpenAiStreamEncoder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Micro-benchmarks of the per-request hot paths: the pass-through body rewrite, the OpenAI codec
 * both ways, the cross-format translation, the SSE reader and stream codec, and the routing plan.
 * Run with {@code bench/jmh.sh}; not part of the test suite.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HotPathBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST = """
            {"model": "chat", "messages": [{"role": "system", "content": "You are a helpful assistant."},
              {"role": "user", "content": "Write a haiku about gateways, and explain each line briefly."}],
             "temperature": 0.7, "max_tokens": 256, "stream": false}""";

    private static final String GATEWAY_KEY = "sb-" + "A".repeat(43);

    private byte[] requestBytes;
    private JsonNode requestJson;
    private ChatRequest canonical;
    private byte[] stream;
    private List<JsonNode> chunks;
    private EndpointSnapshot endpoint;
    private final SplittableRandom random = new SplittableRandom(42);

    @Setup
    public void setUp() throws IOException {
        requestBytes = REQUEST.getBytes(StandardCharsets.UTF_8);
        requestJson = JSON.readTree(requestBytes);
        canonical = OpenAiChatCodec.decodeRequest(requestJson);
        StringBuilder sse = new StringBuilder();
        chunks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String chunk = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\","
                    + "\"choices\":[{\"index\":0,\"delta\":{" + (i == 0 ? "\"role\":\"assistant\"," : "")
                    + "\"content\":\"token" + i + " \"},\"finish_reason\":" + (i == 39 ? "\"stop\"" : "null") + "}]}";
            sse.append("data: ").append(chunk).append("\n\n");
            chunks.add(JSON.readTree(chunk));
        }
        sse.append("data: [DONE]\n\n");
        stream = sse.toString().getBytes(StandardCharsets.UTF_8);
        Target a = new Target("d-a", "a", "openai", "gpt-4o",
                Optional.of(new Credentials(Map.of("api_key", "sk-x"))), Map.of(), Optional.empty());
        Target b = new Target("d-b", "b", "openai", "gpt-4o-mini",
                Optional.of(new Credentials(Map.of("api_key", "sk-x"))), Map.of(), Optional.empty());
        endpoint = new EndpointSnapshot("e-1", "chat", List.of(a, b), List.of(80, 20), List.of(b), 1,
                Timeouts.DEFAULT, 0);
    }

    /** What a call with a gateway key costs to find the key: its SHA-256, in hex, as the key map is indexed. */
    @Benchmark
    public String gatewayKeyHash() {
        return Tokens.sha256(GATEWAY_KEY);
    }

    /** The same hash with SHA-256 looked up by name on each call, as the first version did: for comparison. */
    @Benchmark
    public String gatewayKeyHashLookedUpByName() throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(GATEWAY_KEY.getBytes(StandardCharsets.UTF_8)));
    }

    /** What pass-through does per request: parse, read the endpoint, replace the model, write. */
    @Benchmark
    public byte[] passThroughRewrite() throws IOException {
        ObjectNode body = (ObjectNode) JSON.readTree(requestBytes);
        String name = body.get("model").asText();
        ObjectNode copy = body.deepCopy();
        copy.put("model", name + "-upstream");
        return JSON.writeValueAsBytes(copy);
    }

    @Benchmark
    public ObjectNode openAiDecodeAndEncode() {
        return OpenAiChatCodec.encodeRequest(OpenAiChatCodec.decodeRequest(requestJson), "gpt-4o");
    }

    @Benchmark
    public ObjectNode openAiToAnthropic() {
        return AnthropicCodec.encodeRequest(canonical, "claude-sonnet-4-5", 4096);
    }

    /** Reading a 40-event stream as the pass-through relay does. */
    @Benchmark
    public int sseRead40Events() throws IOException {
        SseReader reader = new SseReader(new ByteArrayInputStream(stream));
        int n = 0;
        for (Optional<SseEvent> e = reader.next(); e.isPresent(); e = reader.next()) {
            n += e.get().raw().length;
        }
        return n;
    }

    /** Translating a 40-chunk stream: decode each chunk to canonical events and encode them again. */
    @Benchmark
    public void streamTranslate40Chunks(Blackhole sink) {
        OpenAiStreamDecoder decoder = new OpenAiStreamDecoder();
        OpenAiStreamEncoder encoder = new OpenAiStreamEncoder("chatcmpl-x", "m", 1, false);
        for (JsonNode chunk : chunks) {
            for (ChatEvent event : decoder.decode(chunk)) {
                sink.consume(encoder.encode(event));
            }
        }
    }

    @Benchmark
    public Object routingPlan() {
        return Router.plan(endpoint, random);
    }
}
