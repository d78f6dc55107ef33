package dev.switchboard.provider.aws;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;

/**
 * The typed value of one header of an event-stream message. The wire carries a type byte before each
 * value ({@link #typeId()}); the two booleans are two types with no value bytes, and a timestamp is
 * milliseconds since the epoch, so an {@link Instant} finer than that does not survive the wire.
 */
public sealed interface EventHeaderValue {

    /** The value type byte on the wire (0 to 9). */
    int typeId();

    /** Types 0 (true) and 1 (false). */
    record Bool(boolean value) implements EventHeaderValue {
        @Override
        public int typeId() {
            return value ? 0 : 1;
        }
    }

    /** Type 2, a signed byte. */
    record Int8(byte value) implements EventHeaderValue {
        @Override
        public int typeId() {
            return 2;
        }
    }

    /** Type 3, a signed 16-bit integer. */
    record Int16(short value) implements EventHeaderValue {
        @Override
        public int typeId() {
            return 3;
        }
    }

    /** Type 4, a signed 32-bit integer. */
    record Int32(int value) implements EventHeaderValue {
        @Override
        public int typeId() {
            return 4;
        }
    }

    /** Type 5, a signed 64-bit integer. */
    record Int64(long value) implements EventHeaderValue {
        @Override
        public int typeId() {
            return 5;
        }
    }

    /** Type 6, bytes (at most 65,535 on the wire); compared by content, printed by length only. */
    record Bytes(byte[] value) implements EventHeaderValue {
        public Bytes {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public int typeId() {
            return 6;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes other && Arrays.equals(value, other.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Bytes[" + value.length + " bytes]";
        }
    }

    /** Type 7, a UTF-8 string (at most 65,535 bytes on the wire); the headers Bedrock sends are all strings. */
    record Text(String value) implements EventHeaderValue {
        public Text {
            Objects.requireNonNull(value);
        }

        @Override
        public int typeId() {
            return 7;
        }
    }

    /** Type 8, milliseconds since the epoch. */
    record Timestamp(Instant value) implements EventHeaderValue {
        public Timestamp {
            Objects.requireNonNull(value);
        }

        @Override
        public int typeId() {
            return 8;
        }
    }

    /** Type 9, 16 bytes, most significant first. */
    record Uuid(UUID value) implements EventHeaderValue {
        public Uuid {
            Objects.requireNonNull(value);
        }

        @Override
        public int typeId() {
            return 9;
        }
    }
}
