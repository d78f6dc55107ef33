package dev.switchboard.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.SseEvent;
import dev.switchboard.core.Usage;
import dev.switchboard.core.WireFormat;
import dev.switchboard.provider.SseReader;
import dev.switchboard.testing.AnthropicBodies;
import dev.switchboard.testing.GeminiBodies;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.property.JsonInputs;
import dev.switchboard.testing.property.Property;
import dev.switchboard.wire.anthropic.AnthropicFormat;
import dev.switchboard.wire.gemini.GeminiFormat;
import dev.switchboard.wire.openai.OpenAiChatFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A provider's answer, however malformed, is read or refused as the provider's failure: decoding a
 * whole answer or any event of a stream either works or throws a {@link GatewayException} (which the
 * gateway answers as a 502 and may fall back from). Anything else would be the gateway's own 500 and
 * would stop the fallbacks. The answers are valid ones mutated at random; a stream gets one to three
 * of its events mutated and is read through the real {@link SseReader}.
 */
class HostileAnswersPropertyTest {

    private static final int TRIES = 400;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A streamed request asking for usage, as a caller of any format might send it. */
    private static final ObjectNode RELAYED_REQUEST = object("""
            {"model": "m", "stream": true, "stream_options": {"include_usage": true},
             "messages": [{"role": "user", "content": "Hi"}]}""");

    /** One event of a stream: its {@code event:} name, if any, and its data. */
    record Frame(String event, String data) {
        String sse() {
            return (event == null ? "" : "event: " + event + "\n") + "data: " + data + "\n\n";
        }
    }

    private static void decodedOrRefusedAsTheProvidersFailure(WireFormat format, ObjectNode answer) {
        try {
            format.decodeResponse(answer);
        } catch (GatewayException e) {
            assertThat(e).isNotNull();
        }
    }

    private static void streamDecodedOrRefused(WireFormat format, List<Frame> frames) {
        StringBuilder text = new StringBuilder();
        frames.forEach(frame -> text.append(frame.sse()));
        SseReader reader = new SseReader(new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));
        List<SseEvent> events = new ArrayList<>();
        try {
            for (Optional<SseEvent> event = reader.next(); event.isPresent(); event = reader.next()) {
                events.add(event.get());
            }
        } catch (IOException e) {
            throw new AssertionError("reading from memory cannot fail", e);
        }
        // Passed through, the stream's events go through the format's relay rules, which must take
        // anything: the caller's stream is under way, and an exception there would cut it.
        WireFormat.Relay relay = format.relay(RELAYED_REQUEST.deepCopy());
        Usage usage = Usage.NONE;
        for (SseEvent event : events) {
            relay.ends(event);
            relay.terminatorOnly(event);
            relay.error(event);
            relay.forwards(event);
            usage = relay.usage(event, usage);
        }
        // Translated, they go through the format's decoder, which may refuse one as the provider's failure.
        WireFormat.StreamDecoder decoder = format.streamDecoder();
        try {
            for (SseEvent event : events) {
                decoder.decode(event);
                decoder.ends(event);
            }
        } catch (GatewayException e) {
            assertThat(e).isNotNull();
        }
    }

    /** Streams grown from {@code seed}: one to three of its events' data mutated. */
    private static Property<List<Frame>> streams(String name, List<Frame> seed) {
        List<String> objects = seed.stream().map(Frame::data).filter(d -> d.startsWith("{")).toList();
        JsonInputs inputs = JsonInputs.from(objects.toArray(String[]::new));
        return Property.of(name, random -> mutatedStream(seed, inputs, random), HostileAnswersPropertyTest::shrinks,
                frames -> String.join("", frames.stream().map(Frame::sse).toList()));
    }

    private static List<Frame> mutatedStream(List<Frame> seed, JsonInputs inputs, Random random) {
        List<Frame> frames = new ArrayList<>(seed);
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            int at = random.nextInt(frames.size());
            Frame frame = frames.get(at);
            if (frame.data().startsWith("{")) {
                frames.set(at, new Frame(frame.event(), inputs.mutated(object(frame.data()), random).toString()));
            }
        }
        if (random.nextInt(4) == 0) {
            frames.remove(random.nextInt(frames.size()));
        }
        return frames;
    }

    private static List<List<Frame>> shrinks(List<Frame> frames) {
        List<List<Frame>> smaller = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            List<Frame> without = new ArrayList<>(frames);
            without.remove(i);
            smaller.add(without);
        }
        for (int i = 0; i < frames.size(); i++) {
            Frame frame = frames.get(i);
            if (frame.data().startsWith("{")) {
                for (ObjectNode data : JsonInputs.shrinks(object(frame.data()))) {
                    List<Frame> with = new ArrayList<>(frames);
                    with.set(i, new Frame(frame.event(), data.toString()));
                    smaller.add(with);
                }
            }
        }
        return smaller;
    }

    private static ObjectNode object(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static List<Frame> frames(List<String> sseFrames) {
        return sseFrames.stream().map(frame -> {
            String[] lines = frame.split("\n", 2);
            return lines[0].startsWith("event: ")
                    ? new Frame(lines[0].substring(7), lines[1].substring(6))
                    : new Frame(null, frame.substring(6));
        }).toList();
    }

    // ---- What the properties found, kept as examples ----

    @Test
    void an_openai_answer_whose_tool_calls_are_not_a_list_has_no_calls() {
        var response = OpenAiChatFormat.INSTANCE.decodeResponse(
                object("{\"choices\": [{\"message\": {\"tool_calls\": {\"prompt_tokens_details\": {}}}}]}"));
        assertThat(response).isNotNull();
    }

    @Test
    void a_token_count_beyond_any_real_one_is_read_as_none_and_cannot_overflow_a_sum() {
        var response = AnthropicFormat.INSTANCE.decodeResponse(object("""
                {"content": [], "usage": {"input_tokens": 1.0E308, "cache_creation_input_tokens": 1}}"""));
        assertThat(response.usage().input()).isEqualTo(1);
    }

    @Test
    void a_negative_token_count_in_a_relayed_stream_is_read_as_none() throws IOException {
        SseReader reader = new SseReader(new ByteArrayInputStream("""
                event: message_delta
                data: {"type": "message_delta", "delta": {}, "usage": {"output_tokens": -5, "input_tokens": -1}}

                """.getBytes(StandardCharsets.UTF_8)));
        Usage relayed = AnthropicFormat.INSTANCE.relay(RELAYED_REQUEST.deepCopy()).usage(reader.next().orElseThrow(),
                Usage.NONE);
        assertThat(relayed).isEqualTo(Usage.NONE);
    }

    // ---- The properties ----

    @Test
    void openai_answers_and_streams() {
        JsonInputs.from(OpenAiBodies.chatCompletion("m", "hello", 3, 2), """
                {"id": "c", "object": "chat.completion", "created": 1, "model": "m",
                 "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {"role": "assistant",
                   "content": null, "reasoning_content": "hm", "tool_calls": [{"id": "call_1", "type": "function",
                   "function": {"name": "lookup", "arguments": "{\\"q\\": 1}"}}]}}],
                 "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5,
                   "prompt_tokens_details": {"cached_tokens": 1},
                   "completion_tokens_details": {"reasoning_tokens": 1}}}""")
                .property("OpenAI answers decode or fail as the provider's")
                .check(TRIES, answer -> decodedOrRefusedAsTheProvidersFailure(OpenAiChatFormat.INSTANCE, answer));
        List<Frame> seed = new ArrayList<>(OpenAiBodies.chunks("m", List.of("Hel", "lo"), true).stream()
                .map(data -> new Frame(null, data)).toList());
        seed.add(new Frame(null, "[DONE]"));
        streams("OpenAI streams decode or fail as the provider's", seed)
                .check(TRIES, frames -> streamDecodedOrRefused(OpenAiChatFormat.INSTANCE, frames));
    }

    @Test
    void anthropic_answers_and_streams() {
        JsonInputs.from(AnthropicBodies.message("m", "hello", 3, 2), """
                {"id": "msg_1", "type": "message", "role": "assistant", "model": "m", "stop_reason": "tool_use",
                 "content": [{"type": "thinking", "thinking": "hm", "signature": "c2ln"},
                   {"type": "redacted_thinking", "data": "abc"},
                   {"type": "tool_use", "id": "toolu_1", "name": "lookup", "input": {"q": 1}}],
                 "usage": {"input_tokens": 3, "output_tokens": 2, "cache_read_input_tokens": 1,
                   "cache_creation_input_tokens": 1}}""")
                .property("Anthropic answers decode or fail as the provider's")
                .check(TRIES, answer -> decodedOrRefusedAsTheProvidersFailure(AnthropicFormat.INSTANCE, answer));
        streams("Anthropic streams decode or fail as the provider's",
                frames(AnthropicBodies.stream("m", List.of("Hel", "lo"))))
                .check(TRIES, frames -> streamDecodedOrRefused(AnthropicFormat.INSTANCE, frames));
    }

    @Test
    void gemini_answers_and_streams() {
        JsonInputs.from(GeminiBodies.response("hello", 3, 2), """
                {"candidates": [{"content": {"role": "model", "parts": [{"text": "hm", "thought": true},
                   {"functionCall": {"name": "lookup", "args": {"q": 1}}, "thoughtSignature": "c2ln"}]},
                   "finishReason": "STOP", "index": 0}],
                 "usageMetadata": {"promptTokenCount": 3, "candidatesTokenCount": 2, "totalTokenCount": 6,
                   "thoughtsTokenCount": 1, "cachedContentTokenCount": 1}}""")
                .property("Gemini answers decode or fail as the provider's")
                .check(TRIES, answer -> decodedOrRefusedAsTheProvidersFailure(GeminiFormat.INSTANCE, answer));
        streams("Gemini streams decode or fail as the provider's",
                GeminiBodies.stream(List.of("Hel", "lo")).stream().map(data -> new Frame(null, data)).toList())
                .check(TRIES, frames -> streamDecodedOrRefused(GeminiFormat.INSTANCE, frames));
    }
}
