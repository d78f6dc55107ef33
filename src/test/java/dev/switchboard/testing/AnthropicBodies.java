package dev.switchboard.testing;

import java.util.ArrayList;
import java.util.List;

/** Anthropic Messages bodies and stream frames, as Anthropic's API documents them, for fake upstreams. */
public final class AnthropicBodies {

    private AnthropicBodies() {
    }

    public static String message(String model, String text, int inputTokens, int outputTokens) {
        return """
                {"id": "msg_01XFDUDYJgAACzvnptvVoYEL", "type": "message", "role": "assistant", "model": "%s",
                 "content": [{"type": "text", "text": "%s"}], "stop_reason": "end_turn", "stop_sequence": null,
                 "usage": {"input_tokens": %d, "output_tokens": %d}}""".formatted(model, text, inputTokens, outputTokens);
    }

    /** The frames of a text stream ({@code event: ...\ndata: ...}), for {@code Reply.sseFrames}. */
    public static List<String> stream(String model, List<String> pieces) {
        List<String> frames = new ArrayList<>();
        frames.add("event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY\","
                + "\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"" + model + "\",\"stop_reason\":null,"
                + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}");
        frames.add("event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
        frames.add("event: ping\ndata: {\"type\": \"ping\"}");
        for (String piece : pieces) {
            frames.add("event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                    + "\"delta\":{\"type\":\"text_delta\",\"text\":\"" + piece + "\"}}");
        }
        frames.add("event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}");
        frames.add("event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":15}}");
        frames.add("event: message_stop\ndata: {\"type\":\"message_stop\"}");
        return frames;
    }

    /** A count_tokens answer. */
    public static String tokenCount(int inputTokens) {
        return "{\"input_tokens\": " + inputTokens + "}";
    }

    public static String error(String type, String message) {
        return "{\"type\": \"error\", \"error\": {\"type\": \"" + type + "\", \"message\": \"" + message + "\"}}";
    }
}
