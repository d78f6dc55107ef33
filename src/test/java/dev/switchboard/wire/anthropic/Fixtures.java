package dev.switchboard.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the Anthropic fixtures: JSON bodies, and SSE streams as (event name, data JSON) pairs. */
final class Fixtures {

    static final ObjectMapper JSON = JsonMapper.builder().build();

    /** One server-sent event of a fixture stream. */
    record Event(String name, JsonNode data) {
    }

    private Fixtures() {
    }

    static JsonNode json(String name) {
        return parse(text(name));
    }

    /** The events of a stream, split on blank lines, each with its {@code event:} and {@code data:} line. */
    static List<Event> sse(String name) {
        return events(text(name));
    }

    static List<Event> events(String stream) {
        List<Event> events = new ArrayList<>();
        for (String frame : stream.split("\n\n")) {
            String event = null;
            StringBuilder data = new StringBuilder();
            for (String line : frame.split("\n")) {
                if (line.startsWith("event: ")) {
                    event = line.substring("event: ".length());
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring("data: ".length()));
                }
            }
            if (event != null || !data.isEmpty()) {
                events.add(new Event(event, parse(data.toString())));
            }
        }
        return events;
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

    static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/anthropic/" + name)) {
            if (in == null) {
                throw new AssertionError("missing fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
