package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The package rules of CONVENTIONS.md, read from the import lines of the main sources. */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java/dev/switchboard");
    private static final Pattern IMPORT = Pattern.compile("^import (static )?([\\w.]+)", Pattern.MULTILINE);

    /** For each package, the packages of ours it must never import. */
    private static final Map<String, List<String>> FORBIDDEN = Map.ofEntries(
            Map.entry("core", List.of("server", "api", "routing", "provider", "admin", "config", "store", "cli",
                    "access", "telemetry")),
            // config compiles the stored configuration into the provider package's Target and Timeouts.
            Map.entry("config", List.of("server", "api", "routing", "admin", "store", "cli", "telemetry")),
            Map.entry("store", List.of("server", "api", "routing", "provider", "admin", "cli", "telemetry")),
            // A wire format's codecs know the canonical model and nothing of transport or routing.
            Map.entry("wire", List.of("server", "api", "routing", "provider", "admin", "config", "store", "cli",
                    "catalog", "usage", "telemetry")),
            Map.entry("provider", List.of("server", "api", "routing", "admin", "config", "store", "cli", "telemetry")),
            Map.entry("routing", List.of("server", "api", "admin", "store", "cli", "telemetry")),
            Map.entry("api", List.of("server", "admin", "store", "cli", "telemetry")),
            Map.entry("admin", List.of("server", "api", "routing", "provider", "store", "cli", "telemetry")),
            Map.entry("catalog", List.of("server", "api", "routing", "provider", "admin", "config", "store", "cli",
                    "usage", "telemetry")),
            Map.entry("usage", List.of("server", "api", "routing", "provider", "admin", "config", "store", "cli",
                    "telemetry")),
            // Traces observe routing and end with usage records; the server calls them, never the reverse.
            Map.entry("telemetry", List.of("server", "api", "admin", "store", "cli", "access")),
            // Budgets and rate limits: what a call may spend, counted over the access and configuration
            // models; no transport, no SQL (the store implements BudgetStore), no HTTP server.
            Map.entry("limits", List.of("server", "api", "routing", "provider", "admin", "store", "cli", "wire",
                    "catalog", "telemetry")),
            // Who may do what: no transport, no SQL (the store implements AccessStore), no configuration.
            Map.entry("access", List.of("server", "api", "routing", "provider", "admin", "config", "store", "cli",
                    "wire", "catalog", "telemetry")));

    @Test
    void only_the_server_package_imports_the_http_framework()
            throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            List<String> offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> imports(f).stream().anyMatch(i -> i.startsWith("io.helidon.")
                            && !(f.startsWith(MAIN.resolve("server")) && i.startsWith("io.helidon.webserver."))
                            && !(f.startsWith(MAIN.resolve("server")) && i.startsWith("io.helidon.http."))
                            && !(f.startsWith(MAIN.resolve("server")) && i.startsWith("io.helidon.common.socket."))))
                    .map(Path::toString)
                    .toList();
            assertThat(offenders).isEmpty();
        }
    }

    @Test
    void only_the_telemetry_package_imports_opentelemetry() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            List<String> offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.startsWith(MAIN.resolve("telemetry")))
                    .filter(f -> imports(f).stream().anyMatch(i -> i.startsWith("io.opentelemetry.")))
                    .map(Path::toString)
                    .toList();
            assertThat(offenders).isEmpty();
        }
    }

    @Test
    void dependencies_point_downward() throws IOException {
        for (var rule : FORBIDDEN.entrySet()) {
            Path dir = MAIN.resolve(rule.getKey());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(file -> {
                    for (String imported : imports(file)) {
                        for (String forbidden : rule.getValue()) {
                            assertThat(imported).as("%s imports %s", file, imported)
                                    .doesNotStartWith("dev.switchboard." + forbidden + ".");
                        }
                    }
                });
            }
        }
    }

    private static List<String> imports(Path file) {
        try {
            Matcher m = IMPORT.matcher(Files.readString(file));
            return m.results().map(r -> r.group(2)).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
