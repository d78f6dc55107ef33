package dev.switchboard.api.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.api.ErrorFormat;
import dev.switchboard.api.Exchange;
import dev.switchboard.api.TranslatedStream;
import dev.switchboard.core.ChatEvent;
import dev.switchboard.provider.SseEvent;
import dev.switchboard.routing.Dispatcher;
import dev.switchboard.wire.openai.OpenAiStreamEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Writes a canonical event stream as OpenAI {@code chat.completion.chunk} events ending with {@code data: [DONE]}. */
public final class OpenAiStreams {

    static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

    private OpenAiStreams() {
    }

    public static void write(Exchange exchange, Map<String, String> headers, Dispatcher.OpenStream open,
                             String model, boolean includeUsage, ErrorFormat errors) {
        TranslatedStream.write(exchange, headers, open, encoder(model, includeUsage), errors);
    }

    /** An encoder of OpenAI chunks that ends the stream with {@code data: [DONE]}. */
    public static TranslatedStream.Encoder encoder(String model, boolean includeUsage) {
        OpenAiStreamEncoder encoder = new OpenAiStreamEncoder(
                "chatcmpl-" + UUID.randomUUID().toString().replace("-", ""), model,
                System.currentTimeMillis() / 1000, includeUsage);
        return new TranslatedStream.Encoder() {
            @Override
            public List<byte[]> encode(ChatEvent event) {
                return frames(encoder.encode(event));
            }

            @Override
            public List<byte[]> finish() {
                List<byte[]> frames = new ArrayList<>(frames(encoder.finish()));
                frames.add(DONE);
                return frames;
            }
        };
    }

    private static List<byte[]> frames(List<ObjectNode> chunks) {
        return chunks.stream().map(chunk -> SseEvent.dataOnly(chunk.toString())).toList();
    }
}
