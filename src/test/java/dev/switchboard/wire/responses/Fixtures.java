package dev.switchboard.wire.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatEvent;
import dev.switchboard.core.SseEvent;
import dev.switchboard.core.WireFormat;
import dev.switchboard.provider.SseReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the Responses fixtures (JSON bodies, SSE streams) and runs streams through the format's encoder and decoder. */
final class Fixtures {

    static final ObjectMapper JSON = JsonMapper.builder().build();
    static final ResponsesFormat FORMAT = ResponsesFormat.INSTANCE;
    /** An encrypted_content as OpenAI writes it: a Fernet token, URL-safe base64 with '-', '_' and padding. */
    static final String ENCRYPTED =
            "gAAAAABoX1a7yMnKy8zNzs_Q0dLT1NXW19jZ2tvc3d7f4OHi4-Tl5ufo6err7O3u7_Dx8vP09fb3-Pn6-_z9_vv__g==";

    private Fixtures() {
    }

    /** One event as the caller reads it: its {@code event:} name and its JSON data. */
    record Frame(String name, ObjectNode data) {
        String type() {
            return data.path("type").asText();
        }
    }

    static ObjectNode json(String name) {
        return (ObjectNode) parse(text(name));
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tree as it arrives after serialising it and reading it back (int vs long nodes compare equal). */
    static JsonNode wire(JsonNode node) {
        return parse(node.toString());
    }

    static List<SseEvent> events(String fixture) {
        return read(text(fixture).getBytes(StandardCharsets.UTF_8));
    }

    static List<SseEvent> read(byte[] stream) {
        List<SseEvent> events = new ArrayList<>();
        try {
            SseReader reader = new SseReader(new ByteArrayInputStream(stream));
            for (Optional<SseEvent> event = reader.next(); event.isPresent(); event = reader.next()) {
                events.add(event.get());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    static List<Frame> frames(List<byte[]> bytes) {
        List<Frame> frames = new ArrayList<>();
        for (SseEvent event : read(join(bytes))) {
            frames.add(new Frame(event.event().orElse(""), (ObjectNode) parse(event.data())));
        }
        return frames;
    }

    static byte[] join(List<byte[]> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frames.forEach(out::writeBytes);
        return out.toByteArray();
    }

    static List<ChatEvent> decodeAll(List<SseEvent> events) {
        WireFormat.StreamDecoder decoder = FORMAT.streamDecoder();
        List<ChatEvent> out = new ArrayList<>();
        events.forEach(e -> out.addAll(decoder.decode(e)));
        return out;
    }

    /** The frames of a whole stream: every event's, then {@code finish()}'s. */
    static List<byte[]> encodeAll(ResponsesStreamEncoder encoder, List<ChatEvent> events) {
        List<byte[]> out = new ArrayList<>();
        events.forEach(e -> out.addAll(encoder.encode(e)));
        out.addAll(encoder.finish());
        return out;
    }

    static ResponsesStreamEncoder encoder() {
        return new ResponsesStreamEncoder("resp_gw", "my-endpoint", 1700000000,
                ResponsesEnvelope.echo(Optional.empty()));
    }

    private static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/responses/" + name)) {
            if (in == null) {
                throw new AssertionError("missing fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
