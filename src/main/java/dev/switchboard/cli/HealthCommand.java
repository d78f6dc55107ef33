package dev.switchboard.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code switchboard health}: asks a running gateway's {@code /health} and exits 0 when it answers
 * 200 ({@code OK}, or {@code DEGRADED}: serving its last configuration while the database is out of
 * reach), 1 otherwise. It is the container image's health check, which has no shell and no curl.
 */
@Command(name = "health", mixinStandardHelpOptions = true,
        description = "Check a running gateway: exit 0 if its /health answers 200, 1 otherwise.")
public final class HealthCommand implements Callable<Integer> {

    private static final int TIMEOUT_MS = 5_000;
    private static final int MAX_BODY = 4_096;

    @Option(names = "--port", defaultValue = "${env:SWITCHBOARD_PORT:-5000}",
            description = "The gateway's port on this machine (env SWITCHBOARD_PORT; default ${DEFAULT-VALUE}).")
    int port;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        URI uri = URI.create("http://127.0.0.1:" + port + "/health");
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(TIMEOUT_MS);
            connection.setReadTimeout(TIMEOUT_MS);
            int status = connection.getResponseCode();
            InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream();
            String text = body == null ? "" : new String(body.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
            if (status == 200) {
                out.println(text.strip());
                return 0;
            }
            err.println(uri + " answered " + status + (text.isBlank() ? "" : ": " + text.strip()));
            return 1;
        } catch (IOException e) {
            err.println("No answer from " + uri + ": " + e.getMessage());
            return 1;
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }
}
