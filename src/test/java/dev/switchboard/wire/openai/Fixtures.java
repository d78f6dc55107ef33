package dev.switchboard.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the OpenAI fixtures: JSON bodies, and SSE streams as the JSON of each {@code data:} line. */
final class Fixtures {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    private Fixtures() {
    }

    static JsonNode json(String name) {
        return parse(text(name));
    }

    /** The chunks of a stream, up to (not including) {@code data: [DONE]}. */
    static List<JsonNode> sse(String name) {
        List<JsonNode> chunks = new ArrayList<>();
        for (String line : text(name).split("\n")) {
            if (line.startsWith("data: ")) {
                String data = line.substring("data: ".length());
                if (data.equals("[DONE]")) {
                    return chunks;
                }
                chunks.add(parse(data));
            }
        }
        throw new AssertionError(name + " does not end with data: [DONE]");
    }

    /**
     * The tree as it would arrive after serialising it and reading it back, so that trees built in
     * code (int vs long nodes, float vs double) compare equal to parsed fixtures.
     */
    static JsonNode wire(JsonNode node) {
        try {
            return JSON.readTree(JSON.writeValueAsString(node));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/openai/" + name)) {
            if (in == null) {
                throw new AssertionError("missing fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
