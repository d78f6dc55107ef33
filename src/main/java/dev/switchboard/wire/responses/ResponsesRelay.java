package dev.switchboard.wire.responses;

import static dev.switchboard.wire.responses.ResponsesFields.textOf;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.switchboard.core.Json;
import dev.switchboard.core.SseEvent;
import dev.switchboard.core.Usage;
import dev.switchboard.core.WireFormat;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * Responses pass-through: the usage of a body relayed as it came, and the rules of relaying a
 * Responses stream, which ends with {@code response.completed}, {@code response.incomplete} or
 * {@code response.failed} (there is no {@code [DONE]}), carries its usage in that last event's
 * {@code response.usage}, and reports errors as an {@code error} event or {@code response.failed}.
 * Only the {@code usage} object of a body or a last event becomes a tree: the parser skips the rest
 * (the output, usually most of it).
 */
final class ResponsesRelay implements WireFormat.Relay {

    static final ResponsesRelay INSTANCE = new ResponsesRelay();

    private static final Set<String> LAST = Set.of("response.completed", "response.incomplete", "response.failed");
    /** Reads one value where the parser stands, leaving the rest of the body unread. */
    private static final ObjectReader IN_PLACE = Json.shared().reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ResponsesRelay() {
    }

    @Override
    public boolean ends(SseEvent event) {
        return LAST.contains(type(event));
    }

    /** Every Responses event carries something for the caller: even a last event holds the whole response. */
    @Override
    public boolean terminatorOnly(SseEvent event) {
        return false;
    }

    @Override
    public Usage usage(SseEvent event, Usage soFar) {
        if (!LAST.contains(type(event))) {
            return soFar;
        }
        return find(event.dataBytes(), "response", "usage").map(ResponsesUsage::decode).orElse(soFar);
    }

    @Override
    public Optional<String> error(SseEvent event) {
        String type = type(event);
        if (!type.equals("error") && !type.equals("response.failed")) {
            return Optional.empty();
        }
        Optional<JsonNode> data = parse(event.dataBytes());
        return Optional.of(data.map(d -> type.equals("error") ? errorMessage(d) : failedMessage(d))
                .orElse("unknown error"));
    }

    /**
     * An event's type: its {@code event:} name, as OpenAI always sends one, else the {@code type} of
     * its data; "" for data that is not a JSON object.
     */
    static String type(SseEvent event) {
        if (event.event().isPresent()) {
            return event.event().get();
        }
        return find(event.dataBytes(), "type").flatMap(ResponsesFields::textOf).orElse("");
    }

    /**
     * The message of an {@code error} event: OpenAI documents {@code message} at the top level and
     * sends it nested in {@code error}; both are read.
     */
    static String errorMessage(JsonNode data) {
        JsonNode error = data.path("error");
        Optional<String> message = textOf(error.get("message")).or(() -> textOf(data.get("message")));
        Optional<String> code = textOf(error.get("code")).or(() -> textOf(data.get("code")));
        return message.map(m -> code.map(c -> c + ": " + m).orElse(m)).orElse("unknown error");
    }

    /** The message of a {@code response.failed} event: its response's {@code error}. */
    static String failedMessage(JsonNode data) {
        JsonNode error = data.path("response").path("error");
        Optional<String> message = textOf(error.get("message"));
        Optional<String> code = textOf(error.get("code"));
        return message.map(m -> code.map(c -> c + ": " + m).orElse(m)).orElse("the response failed");
    }

    /** The top-level {@code usage} of a {@code response} body, if it has one. */
    static Optional<Usage> usage(byte[] body) {
        return find(body, "usage").filter(JsonNode::isObject).map(ResponsesUsage::decode);
    }

    /**
     * The value at {@code path} (object fields, outermost first) in a JSON document, read with a
     * streaming parser that skips everything else; empty when absent or not JSON.
     */
    static Optional<JsonNode> find(byte[] json, String... path) {
        try (JsonParser parser = Json.shared().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            int depth = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!path[depth].equals(field)) {
                    parser.skipChildren();
                    continue;
                }
                if (depth == path.length - 1) {
                    JsonNode found = IN_PLACE.readTree(parser);
                    return Optional.ofNullable(found).filter(node -> !node.isNull());
                }
                if (value != JsonToken.START_OBJECT) {
                    return Optional.empty();
                }
                depth++;
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<JsonNode> parse(byte[] data) {
        try {
            return Optional.ofNullable(Json.shared().readTree(data));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
