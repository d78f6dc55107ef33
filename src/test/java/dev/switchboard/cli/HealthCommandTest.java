package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.TestGateway;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class HealthCommandTest {

    @TempDir
    Path dir;

    @Test
    void exits_0_and_prints_the_status_when_the_gateway_answers() {
        try (TestGateway gw = TestGateway.start(dir)) {
            Run run = health(gw.uri("/").getPort());

            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("\"status\":\"OK\"");
        }
    }

    @Test
    void exits_1_when_nothing_listens() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        Run run = health(port);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("No answer from http://127.0.0.1:" + port + "/health");
    }

    @Test
    void exits_1_with_the_answer_when_health_is_not_200() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> {
            byte[] body = "{\"status\":\"DRAINING\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            Run run = health(server.getAddress().getPort());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).contains("answered 503: {\"status\":\"DRAINING\"}");
        } finally {
            server.stop(0);
        }
    }

    private static Run health(int port) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new HealthCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute("--port", Integer.toString(port));
        return new Run(code, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {
    }
}
