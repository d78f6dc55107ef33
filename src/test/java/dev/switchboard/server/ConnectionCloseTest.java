package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.TestGateway;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A caller that sends {@code Connection: close} gets its answer and then the end of the connection. */
class ConnectionCloseTest {

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

    @Test
    void closes_the_connection_after_answering_a_caller_that_asked_to_close() throws IOException {
        String received = exchange("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(received).startsWith("HTTP/1.1 200").contains("{\"status\":\"OK\"}").endsWith("<closed>");
    }

    @Test
    void keeps_the_connection_for_the_next_request_otherwise() throws IOException {
        String received = exchange("GET /health HTTP/1.1\r\nHost: x\r\n\r\nGET /health HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(received.split("HTTP/1.1 200", -1)).hasSize(3);
        assertThat(received).endsWith("<open>");
    }

    /** Sends {@code request} and reads until the server closes ({@code <closed>}) or goes quiet ({@code <open>}). */
    private static String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", gw.gateway().port())) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(1000);
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                }
                return out.toString(StandardCharsets.UTF_8) + "<closed>";
            } catch (SocketTimeoutException quiet) {
                return out.toString(StandardCharsets.UTF_8) + "<open>";
            }
        }
    }
}
