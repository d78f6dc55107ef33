package dev.switchboard.testing;

import dev.switchboard.TestGateway;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code switchboard serve} in a process of its own, on a free loopback port, for the tests that
 * need what only a separate process gives: a descriptor limit, a small heap, or a kill.
 */
public final class GatewayProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Switchboard listening on http://127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();

    private GatewayProcess(ProcessBuilder builder) throws IOException {
        builder.redirectErrorStream(true);
        this.process = builder.start();
        Thread.ofVirtual().start(this::readOutput);
    }

    /** How to start one: the database, the environment, and the limits the process runs under. */
    public static Builder on(Path database) {
        return on(database.toString());
    }

    /** As above, on the database at {@code location}: a SQLite path, or a JDBC URL. */
    public static Builder on(String location) {
        return new Builder(location);
    }

    public static final class Builder {
        private final String database;
        private final Map<String, String> env = new HashMap<>();
        private String heap = "256m";
        private int descriptors;

        private Builder(String database) {
            this.database = database;
            env.put("SWITCHBOARD_KEK_PASSPHRASE", TestGateway.PASSPHRASE);
            env.put("SWITCHBOARD_AUTH", "off");
        }

        public Builder env(Map<String, String> values) {
            env.putAll(values);
            return this;
        }

        public Builder heap(String value) {
            heap = value;
            return this;
        }

        /** Runs the process under {@code ulimit -n descriptors}. */
        public Builder descriptors(int value) {
            descriptors = value;
            return this;
        }

        /** Starts the process; {@link #port()} waits until it listens. */
        public GatewayProcess launch() throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>();
            if (descriptors > 0) {
                command.addAll(List.of("bash", "-c", "ulimit -n " + descriptors + " && exec \"$0\" \"$@\""));
            }
            command.addAll(List.of(java, "-Xmx" + heap, "-cp", System.getProperty("java.class.path"),
                    "dev.switchboard.Main", "serve", "--host", "127.0.0.1", "--port", "0",
                    "--db", database));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().putAll(env);
            return new GatewayProcess(builder);
        }

        /** Starts the process and waits until it listens. */
        public GatewayProcess start() throws IOException {
            GatewayProcess started = launch();
            started.port();
            return started;
        }
    }

    private void readOutput() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.add(line);
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        port.completeExceptionally(new AssertionError("The gateway did not start; it wrote:\n" + String.join("\n", output)));
    }

    /** The port it listens on, waiting up to a minute for it to start. */
    public int port() {
        try {
            return port.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw (AssertionError) e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError("The gateway did not start within a minute; it wrote:\n" + String.join("\n", output));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while the gateway started", e);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** Everything the process wrote so far, a line at a time. */
    public List<String> output() {
        return output;
    }

    /** Ends the process at once with SIGKILL: no shutdown hook runs, nothing is flushed. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("The gateway outlived SIGKILL by 30 s");
        }
    }

    /** Stops the process with SIGTERM, and with SIGKILL if it has not stopped within ten seconds. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
