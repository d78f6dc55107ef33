package dev.switchboard.conformance;

import dev.switchboard.testing.Reply;
import java.util.Map;

/** Changes to a scripted reply whatever its kind: headers added, a stream cut short. */
final class Replies {

    private Replies() {
    }

    static Reply withHeaders(Reply reply, Map<String, String> headers) {
        return switch (reply) {
            case Reply.Json json -> {
                Reply.Json with = json;
                for (Map.Entry<String, String> header : headers.entrySet()) {
                    with = with.header(header.getKey(), header.getValue());
                }
                yield with;
            }
            case Reply.Sse sse -> {
                Reply.Sse with = sse;
                for (Map.Entry<String, String> header : headers.entrySet()) {
                    with = with.header(header.getKey(), header.getValue());
                }
                yield with;
            }
            case Reply.Respond respond -> Reply.respond(request -> withHeaders(respond.respond().apply(request), headers));
            default -> throw new IllegalArgumentException("no headers on " + reply);
        };
    }

    /** The stream, its connection closed after {@code frames} frames. */
    static Reply cutAfter(Reply reply, int frames) {
        return switch (reply) {
            case Reply.Sse sse -> sse.cutAfter(frames);
            case Reply.Respond respond -> Reply.respond(request -> cutAfter(respond.respond().apply(request), frames));
            default -> throw new IllegalArgumentException("not a stream: " + reply);
        };
    }
}
