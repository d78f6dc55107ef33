package dev.switchboard.provider.aws;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One message of an AWS event stream ({@code application/vnd.amazon.eventstream}): typed headers, in
 * the order they came, and an opaque payload (JSON for Bedrock). The accessors for the {@code :}
 * headers say what the message is: an {@code event} (named by {@code :event-type}), a modelled
 * {@code exception} ({@code :exception-type}, details in the payload), or an {@code error}
 * ({@code :error-code}, {@code :error-message}, no payload).
 */
public record EventStreamMessage(Map<String, EventHeaderValue> headers, byte[] payload) {

    public EventStreamMessage {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        payload = payload.clone();
    }

    /** A copy of the payload. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public int payloadLength() {
        return payload.length;
    }

    public Optional<EventHeaderValue> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** The header's value if it is a string; empty if absent or of another type. */
    public Optional<String> string(String name) {
        return headers.get(name) instanceof EventHeaderValue.Text text ? Optional.of(text.value()) : Optional.empty();
    }

    /** {@code :message-type}: {@code event}, {@code exception} or {@code error}. */
    public Optional<String> messageType() {
        return string(":message-type");
    }

    public Optional<String> eventType() {
        return string(":event-type");
    }

    public Optional<String> exceptionType() {
        return string(":exception-type");
    }

    public Optional<String> errorCode() {
        return string(":error-code");
    }

    public Optional<String> errorMessage() {
        return string(":error-message");
    }

    public Optional<String> contentType() {
        return string(":content-type");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventStreamMessage other && headers.equals(other.headers)
                && Arrays.equals(payload, other.payload);
    }

    @Override
    public int hashCode() {
        return 31 * headers.hashCode() + Arrays.hashCode(payload);
    }

    /** The headers and the payload's length, never its content. */
    @Override
    public String toString() {
        return "EventStreamMessage[headers=" + headers + ", payload=" + payload.length + " bytes]";
    }
}
