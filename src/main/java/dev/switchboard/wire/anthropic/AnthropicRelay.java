package dev.switchboard.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.Json;
import dev.switchboard.core.SseEvent;
import dev.switchboard.core.Usage;
import dev.switchboard.core.WireFormat;
import java.io.IOException;
import java.util.Optional;

/**
 * Anthropic's stream as a relay sees it: it ends with {@code message_stop}; input and cache tokens
 * come in {@code message_start}, the running output count in {@code message_delta}.
 */
final class AnthropicRelay implements WireFormat.Relay {

    static final AnthropicRelay INSTANCE = new AnthropicRelay();

    private AnthropicRelay() {
    }

    @Override
    public boolean ends(SseEvent event) {
        return event.event().filter("message_stop"::equals).isPresent();
    }

    @Override
    public boolean terminatorOnly(SseEvent event) {
        return ends(event);
    }

    @Override
    public Usage usage(SseEvent event, Usage soFar) {
        String name = event.event().orElse("");
        if (name.equals("message_start")) {
            return parse(event).map(data -> usage(data.path("message").path("usage"), soFar)).orElse(soFar);
        }
        if (name.equals("message_delta")) {
            return parse(event).map(data -> usage(data.path("usage"), soFar)).orElse(soFar);
        }
        return soFar;
    }

    @Override
    public Optional<String> error(SseEvent event) {
        if (event.event().filter("error"::equals).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(parse(event).map(data -> data.path("error").path("message").asText("unknown error"))
                .orElse("unknown error"));
    }

    /** Anthropic's usage object, as canonical usage (input includes the cached parts). */
    static Usage usage(JsonNode usage, Usage soFar) {
        if (!usage.isObject()) {
            return soFar;
        }
        long cacheRead = usage.path("cache_read_input_tokens").asLong(soFar.cacheRead());
        long cacheWrite = usage.path("cache_creation_input_tokens").asLong(soFar.cacheWrite());
        long input = usage.has("input_tokens")
                ? usage.path("input_tokens").asLong() + cacheRead + cacheWrite : soFar.input();
        long output = usage.path("output_tokens").asLong(soFar.output());
        return new Usage(input, output, cacheRead, cacheWrite, soFar.reasoning());
    }

    private static Optional<JsonNode> parse(SseEvent event) {
        try {
            return Optional.ofNullable(Json.shared().readTree(event.data()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
