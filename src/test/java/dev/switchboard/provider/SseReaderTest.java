package dev.switchboard.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.SseEvent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SseReaderTest {

    @Test
    void readsEventsWithNamesMultiLineDataAndRawBytes() throws IOException {
        String stream = "event: message_start\ndata: {\"a\":1}\n\n: keep-alive comment\n\ndata: line one\r\n"
                + "data: line two\r\nid: 7\r\n\r\ndata:no-space\n\n";
        List<SseEvent> events = readAll(new ByteArrayInputStream(bytes(stream)));
        assertThat(events).hasSize(3);
        assertThat(events.get(0).event()).hasValue("message_start");
        assertThat(events.get(0).data()).isEqualTo("{\"a\":1}");
        assertThat(new String(events.get(0).raw(), StandardCharsets.UTF_8))
                .isEqualTo("event: message_start\ndata: {\"a\":1}\n\n");
        assertThat(events.get(1).event()).isEmpty();
        assertThat(events.get(1).data()).isEqualTo("line one\nline two");
        assertThat(new String(events.get(1).raw(), StandardCharsets.UTF_8))
                .isEqualTo("data: line one\r\ndata: line two\r\nid: 7\r\n\r\n");
        assertThat(events.get(2).data()).isEqualTo("no-space");
    }

    @Test
    void eventsSplitAcrossReadsAtEveryByteAreReassembled() throws IOException {
        String stream = "data: {\"text\":\"héllo wörld\"}\n\ndata: [DONE]\n\n";
        List<SseEvent> events = readAll(new TrickleStream(bytes(stream)));
        assertThat(events).extracting(SseEvent::data).containsExactly("{\"text\":\"héllo wörld\"}", "[DONE]");
    }

    @Test
    void eventsLargerThanTheReadBufferAndTheKeptBufferArriveWhole() throws IOException {
        String big = "x".repeat(100_000);
        String small = "y".repeat(3_000);
        List<SseEvent> events = readAll(new ByteArrayInputStream(bytes(
                "data: " + big + "\n\ndata: " + small + "\n\ndata: " + big + "\n\n")));
        assertThat(events).extracting(SseEvent::data).containsExactly(big, small, big);
        assertThat(events.get(1).raw()).hasSize(small.length() + 8);
    }

    @Test
    void aFinalEventWithoutItsBlankLineStillCounts() throws IOException {
        assertThat(readAll(new ByteArrayInputStream(bytes("data: one\n\ndata: two"))))
                .extracting(SseEvent::data).containsExactly("one", "two");
    }

    @Test
    void runsBeforeWaitOnlyWhenNothingIsLeftToRead() throws IOException {
        List<String> log = new ArrayList<>();
        SseReader reader = new SseReader(new TrickleStream(bytes("data: a\n\n")));
        reader.beforeWait(() -> log.add("wait"));
        Optional<SseEvent> event = reader.next();
        assertThat(event.map(SseEvent::data)).hasValue("a");
        assertThat(log).isNotEmpty();
        log.clear();
        SseReader buffered = new SseReader(new ByteArrayInputStream(bytes("data: a\n\ndata: b\n\n")));
        buffered.beforeWait(() -> log.add("wait"));
        buffered.next();
        buffered.next();
        assertThat(log).as("everything had arrived: no wait").isEmpty();
    }

    @Test
    void refusesAnEventOverTheLimit() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                b[off] = '\n';
                return len;
            }
        };
        SseReader reader = new SseReader(new java.io.SequenceInputStream(
                new ByteArrayInputStream(bytes("data: ")), endless));
        assertThatThrownBy(reader::next).isInstanceOf(IOException.class).hasMessageContaining("exceeds");
    }

    private static List<SseEvent> readAll(InputStream in) throws IOException {
        SseReader reader = new SseReader(in);
        List<SseEvent> events = new ArrayList<>();
        for (Optional<SseEvent> e = reader.next(); e.isPresent(); e = reader.next()) {
            events.add(e.get());
        }
        return events;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Gives one byte per read and reports nothing available, like a slow network. */
    private static final class TrickleStream extends InputStream {
        private final byte[] bytes;
        private int next;

        TrickleStream(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return next < bytes.length ? bytes[next++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (next >= bytes.length) {
                return -1;
            }
            b[off] = bytes[next++];
            return 1;
        }
    }
}
