package dev.switchboard.conformance;

import java.util.ArrayList;
import java.util.List;

/** Splits a whole {@code text/event-stream} body into its events, as an SSE client would. */
final class SseFrames {

    /** One event: its {@code event:} name (empty when absent) and its {@code data:} lines joined. */
    record Frame(String event, String data) {
    }

    private SseFrames() {
    }

    static List<Frame> parse(String body) {
        List<Frame> frames = new ArrayList<>();
        String event = "";
        StringBuilder data = null;
        for (String line : body.replace("\r\n", "\n").split("\n", -1)) {
            if (line.isEmpty()) {
                if (data != null) {
                    frames.add(new Frame(event, data.toString()));
                }
                event = "";
                data = null;
            } else if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                String value = line.substring(5);
                value = value.startsWith(" ") ? value.substring(1) : value;
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        if (data != null) {
            frames.add(new Frame(event, data.toString()));
        }
        return frames;
    }
}
