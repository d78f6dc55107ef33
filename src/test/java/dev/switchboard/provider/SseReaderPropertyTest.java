package dev.switchboard.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.SseEvent;
import dev.switchboard.testing.property.Property;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The SSE reader over whatever a provider sends, cut into whatever pieces the network delivers: it
 * returns events and then the end, or throws an {@link IOException}; never another exception, and
 * never more events than the bytes could hold. Valid streams read the same whatever the cuts.
 */
class SseReaderPropertyTest {

    private static final int TRIES = 500;
    private static final List<String> PIECES = List.of("data: ", "data:", "event: ", "id: 1", "retry: 10", ": ping",
            "{\"a\":1}", "[DONE]", "\n", "\r\n", "\r", "\n\n", "\uD83D\uDE00", "é", "\u0000", " ", "x".repeat(100));

    /** Bytes and the sizes of the pieces the stream hands them out in. */
    record Delivery(byte[] bytes, int[] cuts) {
        @Override
        public String toString() {
            return "bytes " + Arrays.toString(bytes) + " as text '" + new String(bytes, StandardCharsets.UTF_8)
                    .replace("\n", "\\n").replace("\r", "\\r") + "' in pieces " + Arrays.toString(cuts);
        }
    }

    private static Delivery delivery(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(40); i > 0; i--) {
            text.append(PIECES.get(random.nextInt(PIECES.size())));
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(5) == 0 && bytes.length > 0) {
            bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
        int[] cuts = new int[1 + random.nextInt(8)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = 1 + random.nextInt(Math.max(1, bytes.length));
        }
        return new Delivery(bytes, cuts);
    }

    private static List<Delivery> shrinks(Delivery d) {
        List<Delivery> smaller = new ArrayList<>();
        for (int i = 0; i < d.bytes().length; i++) {
            byte[] fewer = new byte[d.bytes().length - 1];
            System.arraycopy(d.bytes(), 0, fewer, 0, i);
            System.arraycopy(d.bytes(), i + 1, fewer, i, fewer.length - i);
            smaller.add(new Delivery(fewer, d.cuts()));
        }
        if (d.cuts().length > 1) {
            smaller.add(new Delivery(d.bytes(), Arrays.copyOf(d.cuts(), d.cuts().length - 1)));
        }
        return smaller;
    }

    /** An input stream that hands out {@code bytes} in pieces of the given sizes, in turn. */
    private static InputStream cut(Delivery d) {
        return new InputStream() {
            private int position;
            private int turn;

            @Override
            public int read() {
                return position < d.bytes().length ? d.bytes()[position++] & 0xff : -1;
            }

            @Override
            public int read(byte[] into, int offset, int length) {
                if (position >= d.bytes().length) {
                    return -1;
                }
                int n = Math.min(Math.min(length, d.cuts()[turn++ % d.cuts().length]), d.bytes().length - position);
                System.arraycopy(d.bytes(), position, into, offset, n);
                position += n;
                return n;
            }
        };
    }

    private static List<String> read(Delivery d) {
        SseReader reader = new SseReader(cut(d));
        List<String> events = new ArrayList<>();
        try {
            for (Optional<SseEvent> event = reader.next(); event.isPresent(); event = reader.next()) {
                events.add(event.get().event().orElse("") + "|" + event.get().data());
                assertThat(events.size()).as("events read from %s bytes", d.bytes().length)
                        .isLessThanOrEqualTo(d.bytes().length);
            }
        } catch (IOException e) {
            events.add("IOException");
        }
        return events;
    }

    @Test
    void any_bytes_in_any_pieces_read_as_events_then_the_end_or_an_io_error() {
        Property.of("the SSE reader takes any bytes", SseReaderPropertyTest::delivery, SseReaderPropertyTest::shrinks,
                Delivery::toString).check(TRIES, SseReaderPropertyTest::read);
    }

    @Test
    void where_the_network_cuts_a_stream_does_not_change_its_events() {
        Property.of("the SSE reader reads the same whatever the cuts", SseReaderPropertyTest::delivery,
                SseReaderPropertyTest::shrinks, Delivery::toString).check(TRIES, d -> assertThat(read(d))
                .isEqualTo(read(new Delivery(d.bytes(), new int[] {d.bytes().length + 1}))));
    }
}
