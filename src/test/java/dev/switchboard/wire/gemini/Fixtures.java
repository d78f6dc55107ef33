package dev.switchboard.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the fixtures: JSON bodies, and SSE streams as the JSON of each {@code data:} line. */
final class Fixtures {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    private Fixtures() {
    }

    static JsonNode json(String name) {
        return parse(text("gemini/" + name));
    }

    /** The chunks of a Gemini stream (which has no {@code [DONE]} line). */
    static List<JsonNode> sse(String name) {
        return dataLines("gemini/" + name);
    }

    /** The chunks of an OpenAI stream fixture, up to {@code data: [DONE]}. */
    static List<JsonNode> openAiSse(String name) {
        return dataLines("openai/" + name);
    }

    private static List<JsonNode> dataLines(String path) {
        List<JsonNode> chunks = new ArrayList<>();
        for (String line : text(path).split("\n")) {
            if (line.startsWith("data: ") && !line.equals("data: [DONE]")) {
                chunks.add(parse(line.substring("data: ".length())));
            }
        }
        return chunks;
    }

    /** The tree as it would arrive after serialising it and reading it back (int vs long nodes, ...). */
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

    private static String text(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new AssertionError("missing fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
