package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image that {@code ./mvnw package} builds (target/switchboard-image.tar): its
 * configuration, its files, and, where this machine allows (root and util-linux's unshare), the
 * image itself run as its own root file system, as its own user, the way a container runtime would.
 */
class ImageIT {

    private static final Path IMAGE = Path.of("target", "switchboard-image.tar");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private static JsonNode config;
    private static Path root;
    /** Every path in the image, relative to its root, as unpacked (before a test runs the image in it). */
    private static List<String> files;

    @BeforeAll
    static void unpack() throws Exception {
        assertThat(IMAGE).as("the image tarball; ./mvnw package builds it").exists();
        Path blobs = Files.createDirectories(work.resolve("blobs"));
        run(List.of("tar", "-xf", IMAGE.toAbsolutePath().toString(), "-C", blobs.toString()));
        JsonNode manifest = JSON.readTree(blobs.resolve("manifest.json").toFile()).get(0);
        config = JSON.readTree(blobs.resolve(manifest.get("Config").asText()).toFile());
        root = Files.createDirectories(work.resolve("root"));
        for (JsonNode layer : manifest.get("Layers")) {
            run(List.of("tar", "--warning=no-unknown-keyword", "-xzf", blobs.resolve(layer.asText()).toString(),
                    "-C", root.toString()));
        }
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.map(path -> root.relativize(path).toString()).toList();
        }
    }

    @Test
    void runs_the_gateway_as_a_non_root_user_on_port_5000_with_its_data_in_a_volume() {
        JsonNode container = config.get("config");

        assertThat(config.get("os").asText()).isEqualTo("linux");
        assertThat(texts(container.get("Entrypoint"))).containsExactly("/opt/java/bin/java", "-XX:+UseSerialGC",
                "-XX:MaxRAMPercentage=75", "--enable-native-access=ALL-UNNAMED", "-cp", "@/app/jib-classpath-file",
                "dev.switchboard.Main");
        assertThat(texts(container.get("Cmd"))).containsExactly("serve");
        assertThat(container.get("User").asText()).isEqualTo("10001:10001");
        assertThat(container.get("ExposedPorts").has("5000/tcp")).isTrue();
        assertThat(container.get("WorkingDir").asText()).isEqualTo("/data");
        assertThat(container.get("Volumes").has("/data")).isTrue();
        assertThat(texts(container.get("Env"))).contains("SWITCHBOARD_HOST=0.0.0.0", "SWITCHBOARD_PORT=5000",
                "SWITCHBOARD_DB=/data/switchboard.db");
    }

    @Test
    void holds_a_java_runtime_its_libraries_and_the_user_but_no_state() throws IOException {
        assertThat(Files.isExecutable(root.resolve("opt/java/bin/java"))).isTrue();
        assertThat(root.resolve("app/jib-classpath-file")).exists();
        assertThat(root.resolve("etc/passwd")).content().contains("switchboard:x:10001:10001:");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("data"))))
                .isEqualTo("rwxrwxrwx");
        assertThat(files).as("no database, passphrase or password baked into the image")
                .noneMatch(path -> path.startsWith("data/") || path.endsWith(".passphrase")
                        || path.endsWith(".admin-password") || path.endsWith(".db"));
    }

    @Test
    void starts_serves_answers_its_health_check_and_stops_on_sigterm() throws Exception {
        assumeTrue(isRoot() && onPath("unshare"),
                "running the image needs root and util-linux's unshare (a mount namespace and a chroot)");
        Files.createDirectories(root.resolve("proc"));
        Files.createDirectories(root.resolve("dev"));
        int port = freePort();
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        Map<String, String> env = new HashMap<>();
        for (String entry : texts(config.get("config").get("Env"))) {
            env.put(entry.substring(0, entry.indexOf('=')), entry.substring(entry.indexOf('=') + 1));
        }
        env.put("SWITCHBOARD_PORT", Integer.toString(port));
        env.put("SWITCHBOARD_ADMIN_PASSWORD", password);
        env.put("SWITCHBOARD_KEK_PASSPHRASE", "image test passphrase");
        Path log = work.resolve("gateway.log");

        Process gateway = inImage(List.of("serve"), env).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            awaitHealth(client, port, gateway, log);

            String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + password)
                    .getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> created = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/api/3.0/mlflow/gateway/secrets/create"))
                    .header("Authorization", basic).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"secret_name\":\"k\",\"secret_value\":{\"api_key\":\"sk-image-0123456789\"}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            assertThat(created.body()).doesNotContain("sk-image-0123456789");

            Path healthOut = work.resolve("health.out");
            Process health = inImage(List.of("health"), env).redirectErrorStream(true)
                    .redirectOutput(healthOut.toFile()).start();
            assertThat(health.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(health.exitValue()).as(Files.readString(healthOut)).isZero();
            assertThat(healthOut).content().contains("\"status\":\"OK\"");

            gateway.destroy();
            assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s of SIGTERM").isTrue();
            assertThat(log).content().contains("Shutting down").doesNotContain(password);
            Path database = root.resolve("data/switchboard.db");
            assertThat(database).exists();
            assertThat(Files.getAttribute(database, "unix:uid")).as("written as the image's user").isEqualTo(10001);
        } finally {
            gateway.destroyForcibly();
        }
    }

    /**
     * The image's entry point with {@code args}, as a container runtime starts it: in a mount
     * namespace of its own with /proc and /dev, the image's files as its root, its working
     * directory and its user.
     */
    private static ProcessBuilder inImage(List<String> args, Map<String, String> env) {
        JsonNode container = config.get("config");
        String[] user = container.get("User").asText().split(":");
        List<String> command = new ArrayList<>(List.of("unshare", "--mount", "sh", "-c",
                "mount -t proc proc \"$0/proc\" && mount --rbind /dev \"$0/dev\" && exec unshare --root=\"$0\" "
                        + "--wd=" + container.get("WorkingDir").asText() + " -S " + user[0] + " -G " + user[1] + " \"$@\"",
                root.toString()));
        command.addAll(texts(container.get("Entrypoint")));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        builder.environment().putAll(env);
        return builder;
    }

    private static void awaitHealth(HttpClient client, int port, Process gateway, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            assertThat(gateway.isAlive()).as("the gateway exited: %s", tail(log)).isTrue();
            try {
                HttpResponse<String> answer = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no answer on /health within 90 s: " + tail(log));
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s: %s", command, output).isZero();
    }

    private static boolean isRoot() throws IOException {
        return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
