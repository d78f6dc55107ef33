package dev.switchboard.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.provider.aws.EventStreamException.Reason;
import dev.switchboard.testing.EventStreamFrames;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The decoder against the published event-stream test vectors: the aws-c-event-stream suite as kept in
 * aws/aws-sdk-go ({@code private/protocol/eventstream/testdata}, "go:") and the vectors of
 * boto/botocore ({@code tests/unit/test_eventstream.py}, "boto:"), with their expected decoded values.
 */
class EventStreamDecoderTest {

    private static final byte[] FOO_BAR = "{'foo':'bar'}".getBytes(StandardCharsets.UTF_8);

    record Example(String name, String hex, EventStreamMessage expected) {
        byte[] bytes() {
            return HexFormat.of().parseHex(hex);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    record Corrupted(String name, String hex, Reason reason, long offset) {
        byte[] bytes() {
            return HexFormat.of().parseHex(hex);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Example> examples() {
        return List.of(
                new Example("go:empty_message", "000000100000000005c248eb7d98c8ff", message(headers(), new byte[0])),
                new Example("go:int32_header", "0000002d0000001041c424b80a6576656e742d74797065040000a00c"
                        + "7b27666f6f273a27626172277d36f480a0",
                        message(headers("event-type", new EventHeaderValue.Int32(40972)), FOO_BAR)),
                new Example("go:payload_no_headers", "0000001d00000000fd528c5a7b27666f6f273a27626172277dc3653936",
                        message(headers(), FOO_BAR)),
                new Example("go:payload_one_str_header", "0000003d0000002007fd83960c636f6e74656e742d7479706507"
                        + "00106170706c69636174696f6e2f6a736f6e7b27666f6f273a27626172277d8d9c08b1",
                        message(headers("content-type", text("application/json")), FOO_BAR)),
                new Example("go:all_headers", "000000cc000000af0fae64ca0a6576656e742d74797065040000a00c0c636f6e"
                        + "74656e742d747970650700106170706c69636174696f6e2f6a736f6e0a626f6f6c2066616c73650109626f"
                        + "6f6c207472756500046279746502cf08627974652062756606001449276d2061206c6974746c652074656170"
                        + "6f74210974696d657374616d70080000000000845fed05696e74313603002a05696e74363405000000000287"
                        + "57b20475756964090102030405060708090a0b0c0d0e0f107b27666f6f273a27626172277daba5f10c",
                        message(headers("event-type", new EventHeaderValue.Int32(40972),
                                "content-type", text("application/json"),
                                "bool false", new EventHeaderValue.Bool(false),
                                "bool true", new EventHeaderValue.Bool(true),
                                "byte", new EventHeaderValue.Int8((byte) -49),
                                "byte buf", new EventHeaderValue.Bytes(utf8("I'm a little teapot!")),
                                "timestamp", new EventHeaderValue.Timestamp(Instant.ofEpochMilli(8675309)),
                                "int16", new EventHeaderValue.Int16((short) 42),
                                "int64", new EventHeaderValue.Int64(42424242),
                                "uuid", new EventHeaderValue.Uuid(new UUID(0x0102030405060708L, 0x090a0b0c0d0e0f10L))),
                                FOO_BAR)),
                new Example("boto:INT8_HEADER", "000000170000000729860158046279746502ffc2f869dc",
                        message(headers("byte", new EventHeaderValue.Int8((byte) -1)), new byte[0])),
                new Example("boto:INT16_HEADER", "0000001900000009710e923e0573686f727403ffffb27cb6cc",
                        message(headers("short", new EventHeaderValue.Int16((short) -1)), new byte[0])),
                new Example("boto:INT32_HEADER", "0000001d0000000d83e3f0e707696e746567657204ffffffff8b8e12eb",
                        message(headers("integer", new EventHeaderValue.Int32(-1)), new byte[0])),
                new Example("boto:INT64_HEADER", "0000001e0000000e5d4adb8d046c6f6e6705ffffffffffffffff4bc232da",
                        message(headers("long", new EventHeaderValue.Int64(-1)), new byte[0])),
                new Example("boto:ALL_HEADERS_TYPES", "000000620000005203b5cb9c01300001310101320202013303000301"
                        + "3404000000040135050000000000000005013606000562797465730137070004757466380138080000000000"
                        + "00000801390930313233343536373839616263646566" + "63353671",
                        message(headers("0", new EventHeaderValue.Bool(true),
                                "1", new EventHeaderValue.Bool(false),
                                "2", new EventHeaderValue.Int8((byte) 2),
                                "3", new EventHeaderValue.Int16((short) 3),
                                "4", new EventHeaderValue.Int32(4),
                                "5", new EventHeaderValue.Int64(5),
                                "6", new EventHeaderValue.Bytes(utf8("bytes")),
                                "7", text("utf8"),
                                "8", new EventHeaderValue.Timestamp(Instant.ofEpochMilli(8)),
                                "9", new EventHeaderValue.Uuid(new UUID(0x3031323334353637L, 0x3839616263646566L))),
                                new byte[0])),
                new Example("boto:ERROR_EVENT_MESSAGE", "0000005200000042bf23637e0d3a6d6573736167652d74797065070005"
                        + "6572726f720b3a6572726f722d636f6465070004636f64650e3a6572726f722d6d657373616765070007"
                        + "6d6573736167656b6cea3d",
                        message(headers(":message-type", text("error"), ":error-code", text("code"),
                                ":error-message", text("message")), new byte[0])));
    }

    static List<Corrupted> corrupted() {
        return List.of(
                // aws-sdk-go expects "Prelude checksum mismatch" for both corrupted lengths (they still fit).
                new Corrupted("go:corrupted_header_len", "0000003d0000002107fd83960c636f6e74656e742d747970650700106170"
                        + "706c69636174696f6e2f6a736f6e7b27666f6f273a27626172277d8d9c08b1", Reason.PRELUDE_CRC, 8),
                new Corrupted("go:corrupted_length", "0000003e0000002007fd83960c636f6e74656e742d747970650700106170"
                        + "706c69636174696f6e2f6a736f6e7b27666f6f273a27626172277d8d9c08b1", Reason.PRELUDE_CRC, 8),
                new Corrupted("go:corrupted_headers", "0000003d0000002007fd83960c636f6e74656e742d747970650700106170"
                        + "706c69636174696f6e2f6a736f6e7b61666f6f273a27626172277d8d9c08b1", Reason.MESSAGE_CRC, 57),
                new Corrupted("go:corrupted_payload", "0000001d00000000fd528c5a5b27666f6f273a27626172277dc3653936",
                        Reason.MESSAGE_CRC, 25),
                // botocore expects InvalidHeadersLength, InvalidPayloadLength (over 16 MiB), ChecksumMismatch
                // twice and DuplicateHeader.
                new Corrupted("boto:CORRUPTED_HEADER_LENGTH", "0000003dff00010207fd83960c636f6e74656e742d7479706507"
                        + "00106170706c69636174696f6e2f6a736f6e7b27666f6f273a27626172277d8d9c08b1",
                        Reason.HEADERS_LENGTH, 4),
                new Corrupted("boto:CORRUPTED_LENGTH", "0100001d00000000fd528c5a7b27666f6f273a27626172277dc3653936",
                        Reason.TOO_LONG, 0),
                new Corrupted("boto:CORRUPTED_HEADERS", "0000003d0000002007fd83960c636f6e74656e742b7479706507001061"
                        + "70706c69636174696f6e2f6a736f6e7b27666f6f273a27626172277d8d9c08b1", Reason.MESSAGE_CRC, 57),
                new Corrupted("boto:CORRUPTED_PAYLOAD", "0000001d00000000fd528c5a7b27666f6f273a27626172278dc3653936",
                        Reason.MESSAGE_CRC, 25),
                new Corrupted("boto:DUPLICATE_HEADER", "00000024000000144bb982d00474657374046173646604746573740461"
                        + "736466f3f47563", Reason.DUPLICATE_HEADER, 22));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void decodes_each_published_example_to_its_documented_values(Example example) throws Exception {
        EventStreamDecoder decoder = new EventStreamDecoder();

        assertThat(decoder.feed(example.bytes())).containsExactly(example.expected());
        decoder.finish();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void encodes_each_published_example_to_its_published_bytes(Example example) {
        assertThat(HexFormat.of().formatHex(EventStreamFrames.encode(example.expected()))).isEqualTo(example.hex());
    }

    @ParameterizedTest
    @MethodSource("examples")
    void decodes_each_published_example_split_at_every_byte(Example example) throws Exception {
        byte[] bytes = example.bytes();
        for (int split = 0; split <= bytes.length; split++) {
            EventStreamDecoder decoder = new EventStreamDecoder();
            List<EventStreamMessage> got = new ArrayList<>(decoder.feed(bytes, 0, split));
            got.addAll(decoder.feed(bytes, split, bytes.length - split));
            decoder.finish();
            assertThat(got).as("split at %d", split).containsExactly(example.expected());
        }
        assertThat(byteByByte(bytes)).containsExactly(example.expected());
    }

    @Test
    void decodes_all_examples_in_one_chunk_and_split_anywhere() throws Exception {
        byte[] all = EventStreamFrames.concat(examples().stream().map(Example::bytes).toArray(byte[][]::new));
        List<EventStreamMessage> expected = examples().stream().map(Example::expected).toList();

        assertThat(new EventStreamDecoder().feed(all)).containsExactlyElementsOf(expected);
        for (int split = 0; split <= all.length; split++) {
            EventStreamDecoder decoder = new EventStreamDecoder();
            List<EventStreamMessage> got = new ArrayList<>(decoder.feed(Arrays.copyOfRange(all, 0, split)));
            got.addAll(decoder.feed(Arrays.copyOfRange(all, split, all.length)));
            decoder.finish();
            assertThat(got).as("split at %d", split).containsExactlyElementsOf(expected);
        }
        for (int size = 1; size <= 40; size++) {
            EventStreamDecoder decoder = new EventStreamDecoder();
            List<EventStreamMessage> got = new ArrayList<>();
            for (int at = 0; at < all.length; at += size) {
                got.addAll(decoder.feed(all, at, Math.min(size, all.length - at)));
            }
            assertThat(got).as("chunks of %d", size).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void decodes_botocores_published_chunked_streams() throws Exception {
        EventStreamDecoder decoder = new EventStreamDecoder();
        assertThat(decoder.feed(hex("0000002b0000000e348bec7b086576656e742d69640400"))).isEmpty();
        assertThat(decoder.feed(hex("00a00c7b27666f6f273a27626172277dd3890285")))
                .containsExactly(message(headers("event-id", new EventHeaderValue.Int32(0xa00c)), FOO_BAR));

        assertThat(decoder.feed(hex("0000007e0000004fc5a3ddc60d3a6d6573736167652d747970650700"))).isEmpty();
        assertThat(decoder.feed(hex("056576656e740b3a6576656e742d74797065070010696e697469616c2d726573706f6e73650d3a"
                + "636f6e74656e742d74797065"))).isEmpty();
        List<EventStreamMessage> last = decoder.feed(hex("070009746578742f6a736f6e7b22496e697469616c526573706f6e7365"
                + "223a2022736f6d6574657874227df6982483"));
        decoder.finish();

        assertThat(last).singleElement().satisfies(m -> {
            assertThat(m.messageType()).contains("event");
            assertThat(m.eventType()).contains("initial-response");
            assertThat(m.string(":content-type")).contains("text/json");
            assertThat(new String(m.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"InitialResponse\": \"sometext\"}");
        });
    }

    @ParameterizedTest
    @MethodSource("corrupted")
    void rejects_each_corrupted_example_with_its_reason_and_offset(Corrupted example) {
        assertRejected(new EventStreamDecoder(), example.bytes(), example.reason(), example.offset());

        EventStreamDecoder fedByteByByte = new EventStreamDecoder();
        assertThatThrownBy(() -> byteByByte(fedByteByByte, example.bytes()))
                .isInstanceOfSatisfying(EventStreamException.class, e -> {
                    assertThat(e.reason()).isEqualTo(example.reason());
                    assertThat(e.offset()).isEqualTo(example.offset());
                });

        byte[] afterAGoodMessage = EventStreamFrames.concat(examples().getFirst().bytes(), example.bytes());
        assertRejected(new EventStreamDecoder(), afterAGoodMessage, example.reason(), 16 + example.offset());
    }

    @Test
    void stays_failed_after_an_error() {
        EventStreamDecoder decoder = new EventStreamDecoder();
        assertRejected(decoder, corrupted().getFirst().bytes(), Reason.PRELUDE_CRC, 8);

        assertThatThrownBy(() -> decoder.feed(examples().getFirst().bytes()))
                .isInstanceOfSatisfying(EventStreamException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.PRELUDE_CRC);
                    assertThat(e).hasMessageContaining("already failed");
                });
        assertThatThrownBy(decoder::finish).isInstanceOf(EventStreamException.class);
    }

    @Test
    void refuses_a_message_over_the_maximum_from_its_prelude_alone() throws Exception {
        EventStreamDecoder decoder = new EventStreamDecoder();
        decoder.feed(examples().getFirst().bytes());

        assertRejected(decoder, EventStreamFrames.prelude(EventStreamDecoder.DEFAULT_MAX_MESSAGE_BYTES + 1L, 0),
                Reason.TOO_LONG, 16);
        assertRejected(new EventStreamDecoder(), EventStreamFrames.prelude(0xFFFFFFFFL, 0), Reason.TOO_LONG, 0);
        assertRejected(new EventStreamDecoder(64), EventStreamFrames.prelude(65, 0), Reason.TOO_LONG, 0);
        assertThat(new EventStreamDecoder(64).feed(EventStreamFrames.prelude(64, 0))).isEmpty();
    }

    @Test
    void refuses_lengths_that_cannot_frame_a_message() {
        assertRejected(new EventStreamDecoder(), EventStreamFrames.prelude(15, 0), Reason.TOO_SHORT, 0);
        assertRejected(new EventStreamDecoder(), EventStreamFrames.prelude(16, 1), Reason.HEADERS_LENGTH, 4);
        assertRejected(new EventStreamDecoder(), EventStreamFrames.prelude(40, 0xFFFFFFFFL), Reason.HEADERS_LENGTH, 4);
    }

    @Test
    void refuses_malformed_headers_even_with_good_crcs() {
        byte[] unknownType = EventStreamFrames.frame(hex("0178" + "0a"), new byte[0]);
        byte[] stringPastTheEnd = EventStreamFrames.frame(hex("0178" + "07" + "0005" + "6162"), new byte[0]);
        byte[] nameLongerThanHeaders = EventStreamFrames.frame(hex("0978"), FOO_BAR);

        assertRejected(new EventStreamDecoder(), unknownType, Reason.MALFORMED_HEADER, 12);
        assertRejected(new EventStreamDecoder(), stringPastTheEnd, Reason.MALFORMED_HEADER, 12);
        assertRejected(new EventStreamDecoder(), nameLongerThanHeaders, Reason.MALFORMED_HEADER, 12);
    }

    @Test
    void a_stream_ending_inside_a_message_fails_at_finish() throws Exception {
        byte[] first = examples().getFirst().bytes();
        for (Example example : examples()) {
            byte[] bytes = example.bytes();
            for (int cut : new int[] {1, 11, 12, bytes.length - 1}) {
                EventStreamDecoder decoder = new EventStreamDecoder();
                decoder.feed(first);
                decoder.feed(bytes, 0, cut);
                assertThatThrownBy(decoder::finish).as("%s cut at %d", example, cut)
                        .isInstanceOfSatisfying(EventStreamException.class, e -> {
                            assertThat(e.reason()).isEqualTo(Reason.TRUNCATED);
                            assertThat(e.offset()).isEqualTo(first.length);
                        });
                assertThatThrownBy(() -> decoder.feed(bytes, cut, bytes.length - cut))
                        .isInstanceOf(EventStreamException.class);
            }
        }
    }

    @Test
    void round_trips_every_header_type_through_the_encoder() throws Exception {
        EventStreamMessage message = message(headers(
                "true", new EventHeaderValue.Bool(true),
                "false", new EventHeaderValue.Bool(false),
                "int8", new EventHeaderValue.Int8(Byte.MIN_VALUE),
                "int16", new EventHeaderValue.Int16(Short.MIN_VALUE),
                "int32", new EventHeaderValue.Int32(Integer.MIN_VALUE),
                "int64", new EventHeaderValue.Int64(Long.MIN_VALUE),
                "bytes", new EventHeaderValue.Bytes(new byte[] {0, -1, 127, -128}),
                "empty bytes", new EventHeaderValue.Bytes(new byte[0]),
                "text", text("héllo, 世界 🙂"),
                "long text", text("x".repeat(0xFFFF)),
                "timestamp", new EventHeaderValue.Timestamp(Instant.parse("2025-06-01T12:34:56.789Z")),
                "uuid", new EventHeaderValue.Uuid(UUID.fromString("f81d4fae-7dec-11d0-a765-00a0c91e6bf6")),
                "ünïcödé name", text("")), utf8("payload \u0000 bytes"));

        byte[] encoded = EventStreamFrames.encode(message);

        assertThat(byteByByte(encoded)).containsExactly(message);
        assertThat(new EventStreamDecoder().feed(encoded).getFirst().headers().keySet())
                .containsExactlyElementsOf(message.headers().keySet());
    }

    @Test
    void decodes_a_bedrock_content_block_delta_and_exception() throws Exception {
        String delta = "{\"contentBlockIndex\":0,\"delta\":{\"text\":\"Hello\"},\"p\":\"abcdefghijklmnopqrstuvwxyzABCDEFGHIJ\"}";
        String throttled = "{\"message\":\"Too many requests, please wait before trying again.\"}";
        byte[] stream = EventStreamFrames.concat(EventStreamFrames.event("contentBlockDelta", delta),
                EventStreamFrames.exception("throttlingException", throttled));

        List<EventStreamMessage> messages = new EventStreamDecoder().feed(stream);

        assertThat(messages).hasSize(2);
        EventStreamMessage event = messages.get(0);
        assertThat(event.messageType()).contains("event");
        assertThat(event.eventType()).contains("contentBlockDelta");
        assertThat(event.contentType()).contains("application/json");
        assertThat(event.exceptionType()).isEmpty();
        assertThat(new String(event.payload(), StandardCharsets.UTF_8)).isEqualTo(delta);
        EventStreamMessage exception = messages.get(1);
        assertThat(exception.messageType()).contains("exception");
        assertThat(exception.exceptionType()).contains("throttlingException");
        assertThat(new String(exception.payload(), StandardCharsets.UTF_8)).isEqualTo(throttled);
        assertThat(exception.toString()).contains("throttlingException").doesNotContain("Too many");
    }

    @Test
    void reads_the_error_headers() throws Exception {
        EventStreamMessage error = new EventStreamDecoder().feed(examples().getLast().bytes()).getFirst();

        assertThat(error.messageType()).contains("error");
        assertThat(error.errorCode()).contains("code");
        assertThat(error.errorMessage()).contains("message");
        assertThat(error.payloadLength()).isZero();
    }

    @Test
    void reads_only_the_given_range_of_a_chunk() throws Exception {
        byte[] message = examples().get(2).bytes();
        byte[] padded = EventStreamFrames.concat(new byte[] {1, 2, 3}, message, new byte[] {4, 5});

        EventStreamDecoder decoder = new EventStreamDecoder();
        assertThat(decoder.feed(padded, 3, message.length)).containsExactly(examples().get(2).expected());
        decoder.finish();
    }

    private static void assertRejected(EventStreamDecoder decoder, byte[] bytes, Reason reason, long offset) {
        assertThatThrownBy(() -> decoder.feed(bytes))
                .isInstanceOfSatisfying(EventStreamException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.offset()).isEqualTo(offset);
                    assertThat(e).hasMessageContaining("at byte " + offset).hasMessageNotContaining("foo");
                });
    }

    private static List<EventStreamMessage> byteByByte(byte[] bytes) throws EventStreamException {
        return byteByByte(new EventStreamDecoder(), bytes);
    }

    private static List<EventStreamMessage> byteByByte(EventStreamDecoder decoder, byte[] bytes)
            throws EventStreamException {
        List<EventStreamMessage> got = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            got.addAll(decoder.feed(bytes, i, 1));
        }
        decoder.finish();
        return got;
    }

    private static EventStreamMessage message(Map<String, EventHeaderValue> headers, byte[] payload) {
        return new EventStreamMessage(headers, payload);
    }

    private static Map<String, EventHeaderValue> headers(Object... namesAndValues) {
        Map<String, EventHeaderValue> headers = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put((String) namesAndValues[i], (EventHeaderValue) namesAndValues[i + 1]);
        }
        return headers;
    }

    private static EventHeaderValue.Text text(String value) {
        return new EventHeaderValue.Text(value);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
