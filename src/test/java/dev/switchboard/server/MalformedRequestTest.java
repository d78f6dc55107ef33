package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.TestGateway;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Request lines that cannot be decoded (a bad percent escape, escaped bytes that are not UTF-8, a
 * character that must be escaped) and other requests Helidon refuses before routing: a 400 in the
 * error shape of the surface the path belongs to, never an echo of the query (a Gemini key travels
 * in {@code ?key=}). Sent over a raw socket, since Java's HTTP client refuses such URLs itself.
 */
class MalformedRequestTest {

    private static final String KEY = "AIzaSyLEAKEDkey0123456789abcdefghijklm";
    private static final String GEMINI = "/gateway/gemini/v1beta/models/gemini-2.0-flash:generateContent";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static TestGateway gw;

    @BeforeAll
    static void start() {
        gw = TestGateway.start(dir);
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    /** The error shape of each surface; {@code message} reads the message out of a body. */
    enum Family {
        OPENAI, ANTHROPIC, GEMINI, DETAIL, MANAGEMENT;

        String message(JsonNode body) {
            switch (this) {
                case OPENAI -> assertThat(body.at("/error/type").asText()).isEqualTo("invalid_request_error");
                case ANTHROPIC -> {
                    assertThat(body.at("/type").asText()).isEqualTo("error");
                    assertThat(body.at("/error/type").asText()).isEqualTo("invalid_request_error");
                }
                case GEMINI -> {
                    assertThat(body.at("/error/code").asInt()).isEqualTo(400);
                    assertThat(body.at("/error/status").asText()).isEqualTo("INVALID_ARGUMENT");
                }
                case DETAIL -> assertThat(body.size()).isEqualTo(1);
                case MANAGEMENT -> assertThat(body.at("/error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
            }
            JsonNode message = switch (this) {
                case OPENAI, ANTHROPIC, GEMINI -> body.at("/error/message");
                case DETAIL -> body.at("/detail");
                case MANAGEMENT -> body.at("/message");
            };
            assertThat(message.isTextual()).as("message in %s", body).isTrue();
            return message.asText();
        }
    }

    static Stream<Arguments> malformedTargets() {
        return Stream.of(
                arguments("POST", "/gateway/openai/v1/chat/completions?key=%ZZ", Family.OPENAI, "query string"),
                arguments("GET", "/gateway/openai/v1/models?a=%", Family.OPENAI, "query string"),
                arguments("POST", "/gateway/openai/v1/embeddings?a=%C3%28", Family.OPENAI, "not valid UTF-8"),
                arguments("POST", "/gateway/mlflow/v1/chat/completions?api-version=%G1", Family.OPENAI,
                        "query string"),
                arguments("POST", "/gateway/openai/v1/chat/completions?a=<b>", Family.OPENAI, "percent-encoded"),
                arguments("POST", "/gateway/openai/v1/chat/completions?a=b#%ZZ", Family.OPENAI, "fragment"),
                arguments("POST", "/gateway/anthropic/v1/messages?beta=%ZZ", Family.ANTHROPIC, "query string"),
                arguments("POST", "/gateway/anthropic/v1/messages?beta=%E2%82", Family.ANTHROPIC, "UTF-8"),
                arguments("POST", GEMINI + "?key=" + KEY + "%ZZ", Family.GEMINI, "query string"),
                arguments("POST", GEMINI.replace(":generate", ":streamGenerate") + "?alt=sse&key=" + KEY + "%",
                        Family.GEMINI, "query string"),
                arguments("POST", GEMINI + "?key=%C3%28" + KEY, Family.GEMINI, "not valid UTF-8"),
                arguments("POST", GEMINI + "?key=" + KEY + "\u00e9", Family.GEMINI, "percent-encoded"),
                arguments("POST", "/gateway/gemini/v1/models/gemini%ZZ-flash:generateContent?key=" + KEY,
                        Family.GEMINI, "path"),
                arguments("POST", "/gateway/gemini/v1/models/gemini%FF:generateContent?key=" + KEY,
                        Family.GEMINI, "not valid UTF-8"),
                arguments("POST", "/gateway/my-endpoint/mlflow/invocations?x=%ZZ", Family.DETAIL, "query string"),
                arguments("POST", "/gateway/my%ZZendpoint/mlflow/invocations", Family.DETAIL, "path"),
                arguments("GET", "/gateway/nowhere%ZZ?key=" + KEY, Family.DETAIL, "path"),
                arguments("GET", "/api/3.0/mlflow/gateway/endpoints/get?endpoint_id=%ZZ", Family.MANAGEMENT,
                        "query string"),
                arguments("GET", "/ajax-api/3.0/mlflow/gateway/endpoints/list?x=%C3%28", Family.MANAGEMENT,
                        "not valid UTF-8"),
                arguments("GET", "/api/3.0/mlflow/gate%ZZway/endpoints/list", Family.MANAGEMENT, "path"),
                arguments("GET", "/health?x=%", Family.MANAGEMENT, "query string"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("malformedTargets")
    void answers_400_in_the_surface_format_without_echoing_the_query(String method, String target, Family family,
                                                                      String saying) {
        RawResponse response = send(method + " " + target + " HTTP/1.1", "{}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("content-type")).startsWith("application/json");
        assertThat(family.message(response.json())).startsWith("The URL's").contains(saying);
        assertNoEcho(response, target);
    }

    @Test
    void a_header_helidon_cannot_parse_gets_a_400_in_the_surface_format() {
        RawResponse response = send("POST " + GEMINI + "?key=" + KEY + " HTTP/1.1", "{}", "Content-Length: 2x");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("content-type")).startsWith("application/json");
        assertThat(Family.GEMINI.message(response.json())).contains("not valid HTTP");
        assertNoEcho(response, GEMINI + "?key=" + KEY);
    }

    @Test
    void well_formed_escapes_still_reach_the_handlers_decoded() {
        RawResponse response = send("GET /api/3.0/mlflow/gateway/endpoints/get?endpoint_id=e-%C3%A9%20%2B1 HTTP/1.1",
                "");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().at("/message").asText()).contains("e-\u00e9 +1");
    }

    @Test
    void well_formed_gemini_key_passes_to_the_gemini_handler() {
        RawResponse response = send("POST /gateway/gemini/v1beta/models/no-such-endpoint:generateContent?key="
                + KEY + "%2B HTTP/1.1", "{\"contents\": [{\"parts\": [{\"text\": \"hi\"}]}]}");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().at("/error/status").asText()).isEqualTo("NOT_FOUND");
        assertNoEcho(response, KEY);
    }

    private static void assertNoEcho(RawResponse response, String target) {
        String everything = response.head() + response.body();
        assertThat(everything).doesNotContain(KEY).doesNotContain("%ZZ").doesNotContain("%C3%28");
        int query = target.indexOf('?');
        if (query >= 0) {
            assertThat(everything).doesNotContain(target.substring(query + 1));
        }
    }

    /** One request on a fresh connection; the body is sent with its Content-Length unless one is given. */
    private static RawResponse send(String requestLine, String body, String... headers) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(requestLine).append("\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
        boolean lengthGiven = false;
        for (String header : headers) {
            head.append(header).append("\r\n");
            lengthGiven |= header.toLowerCase(Locale.ROOT).startsWith("content-length:");
        }
        if (!lengthGiven) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(content.length).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket("127.0.0.1", gw.gateway().port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(content);
            out.flush();
            return RawResponse.read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A response read up to its Content-Length (the server may keep the connection open). */
    record RawResponse(int status, String head, Map<String, String> headers, String body) {

        static RawResponse read(InputStream in) throws IOException {
            ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
            while (!headBytes.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("Connection closed in the response head: " + headBytes);
                }
                headBytes.write(b);
            }
            String head = headBytes.toString(StandardCharsets.ISO_8859_1);
            String[] lines = head.split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            return new RawResponse(Integer.parseInt(lines[0].split(" ")[1]), head, headers, body);
        }

        String header(String name) {
            return headers.getOrDefault(name, "");
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Response is not JSON: " + head + body, e);
            }
        }
    }
}
