package dev.switchboard.wire.anthropic;

import static dev.switchboard.wire.WireFields.count;

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
        // Counts read leniently (WireFields.count): a nonsensical one must not break the relay.
        long cacheRead = usage.has("cache_read_input_tokens") ? count(usage.get("cache_read_input_tokens"))
                : soFar.cacheRead();
        long cacheWrite = usage.has("cache_creation_input_tokens") ? count(usage.get("cache_creation_input_tokens"))
                : soFar.cacheWrite();
        long input = usage.has("input_tokens") ? count(usage.get("input_tokens")) + cacheRead + cacheWrite
                : soFar.input();
        long output = usage.has("output_tokens") ? count(usage.get("output_tokens")) : soFar.output();
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
