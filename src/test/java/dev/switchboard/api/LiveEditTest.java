package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.TestGateway;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.Reply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zero downtime: while clients call an endpoint without pause, it is edited 50 times (models, keys,
 * weights, fallbacks added and removed). No call fails, and every answer comes from a model that
 * was a PRIMARY of a configuration live at some moment during that call.
 */
class LiveEditTest {

    @TempDir
    Path dir;

    private record Observation(int versionBefore, int versionAfter, int status, String model, String target) { }

    @Test
    void fifty_edits_under_continuous_load_fail_no_request_and_mix_no_configs() throws Exception {
        try (GatewayFixture fixture = GatewayFixture.start(dir)) {
            FakeUpstream upstream = fixture.upstream();
            upstream.setDefault(Reply.echoModel());
            TestGateway gw = fixture.gateway();
            List<String> definitions = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                definitions.add(fixture.definition(upstream.baseUrl(), "v" + i));
            }
            String endpoint = fixture.endpoint("live", definitions.getFirst());
            // versions.get(n) = the PRIMARY models of configuration n (0 = as created).
            List<Set<String>> versions = new CopyOnWriteArrayList<>();
            versions.add(Set.of("v0"));
            AtomicInteger version = new AtomicInteger();
            AtomicBoolean editing = new AtomicBoolean(true);
            ConcurrentLinkedQueue<Observation> observations = new ConcurrentLinkedQueue<>();

            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                clients.add(Thread.ofVirtual().start(() -> {
                    while (editing.get()) {
                        int before = version.get();
                        var response = gw.send("POST", "/gateway/openai/v1/chat/completions",
                                "{\"model\": \"live\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
                        int after = version.get();
                        String model = response.status() == 200
                                ? response.text("/choices/0/message/content").replace("model=", "") : response.body();
                        observations.add(new Observation(before, after, response.status(), model, ""));
                    }
                }));
            }

            for (int edit = 1; edit <= 50; edit++) {
                String a = definitions.get(edit % 12);
                String b = definitions.get((edit + 5) % 12);
                String fallback = definitions.get((edit + 7) % 12);
                Set<String> primaries;
                String configs;
                switch (edit % 4) {
                    case 0 -> {
                        configs = "[{\"model_definition_id\": \"%s\"}]".formatted(a);
                        primaries = Set.of("v" + edit % 12);
                    }
                    case 1 -> {
                        configs = """
                                [{"model_definition_id": "%s", "weight": 70}, {"model_definition_id": "%s", "weight": 30},
                                 {"model_definition_id": "%s", "linkage_type": "FALLBACK"}]""".formatted(a, b, fallback);
                        primaries = Set.of("v" + edit % 12, "v" + (edit + 5) % 12);
                    }
                    case 2 -> {
                        configs = """
                                [{"model_definition_id": "%s", "weight": 0.5}, {"model_definition_id": "%s", "weight": 0.5}]"""
                                .formatted(a, b);
                        primaries = Set.of("v" + edit % 12, "v" + (edit + 5) % 12);
                    }
                    default -> {
                        configs = """
                                [{"model_definition_id": "%s"}, {"model_definition_id": "%s", "linkage_type": "FALLBACK"}]"""
                                .formatted(a, fallback);
                        primaries = Set.of("v" + edit % 12);
                    }
                }
                if (edit % 5 == 0) {
                    String secretId = gw.api("GET", "model-definitions/get?model_definition_id=" + a)
                            .text("/model_definition/secret_id");
                    assertThat(gw.api("POST", "secrets/update", """
                            {"secret_id": "%s", "secret_value": {"api_key": "sk-rotated-%d-0123456789"}}"""
                            .formatted(secretId, edit)).status()).isEqualTo(200);
                }
                versions.add(primaries);
                fixture.update("{\"endpoint_id\": \"%s\", \"model_configs\": %s}".formatted(endpoint, configs));
                version.set(edit);
            }
            editing.set(false);
            for (Thread t : clients) {
                t.join();
            }

            assertThat(observations).hasSizeGreaterThan(50);
            List<String> problems = Collections.synchronizedList(new ArrayList<>());
            for (Observation o : observations) {
                if (o.status() != 200) {
                    problems.add("status " + o.status() + ": " + o.model());
                    continue;
                }
                Set<String> allowed = new HashSet<>();
                for (int v = o.versionBefore(); v <= Math.min(o.versionAfter() + 1, versions.size() - 1); v++) {
                    allowed.addAll(versions.get(v));
                }
                if (!allowed.contains(o.model())) {
                    problems.add("model " + o.model() + " not live between versions " + o.versionBefore() + " and "
                            + o.versionAfter());
                }
            }
            assertThat(problems).isEmpty();
        }
    }

    @Test
    void deleting_an_endpoint_makes_the_next_request_404() throws Exception {
        try (GatewayFixture fixture = GatewayFixture.start(dir)) {
            FakeUpstream upstream = fixture.upstream();
            upstream.setDefault(Reply.echoModel());
            String endpoint = fixture.endpoint("doomed", fixture.definition(upstream.baseUrl(), "m"));
            String call = "{\"model\": \"doomed\", \"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}";
            assertThat(fixture.gateway().send("POST", "/gateway/openai/v1/chat/completions", call).status())
                    .isEqualTo(200);

            assertThat(fixture.gateway().api("DELETE", "endpoints/delete", "{\"endpoint_id\": \"" + endpoint + "\"}")
                    .status()).isEqualTo(200);

            var after = fixture.gateway().send("POST", "/gateway/openai/v1/chat/completions", call);
            assertThat(after.status()).isEqualTo(404);
            assertThat(after.text("/error/code")).isEqualTo("model_not_found");
            var mlflow = fixture.gateway().send("POST", "/gateway/doomed/mlflow/invocations",
                    "{\"messages\": [{\"role\": \"user\", \"content\": \"hi\"}]}");
            assertThat(mlflow.status()).isEqualTo(404);
            assertThat(mlflow.text("/detail")).contains("doomed");
        }
    }
}
