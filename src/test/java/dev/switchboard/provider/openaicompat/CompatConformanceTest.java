package dev.switchboard.provider.openaicompat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.TestGateway;
import dev.switchboard.catalog.Invocation;
import dev.switchboard.catalog.ProviderTable;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Recorded;
import dev.switchboard.testing.Reply;
import dev.switchboard.wire.openai.OpenAiChatFormat;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every provider-table entry called in OpenAI's format with a {@link CompatDialect}, through the
 * running gateway to a fake upstream standing at the entry's {@code api_base}: the path, the key
 * header, the model, the renames and drops, a stream, and an upstream error. A new entry gets this
 * coverage without a new test. (Azure's own dialect has its own tests.)
 */
class CompatConformanceTest {

    @TempDir
    static Path dir;
    static TestGateway gateway;
    static FakeUpstream upstream;

    @BeforeAll
    static void start() {
        gateway = TestGateway.start(dir);
        upstream = FakeUpstream.start();
        for (Entry entry : entries().toList()) {
            String secret = gateway.api("POST", "secrets/create", """
                    {"secret_name": "%s-key", "secret_value": {"api_key": "sk-%s-0123456789"}, "provider": "%s",
                     "auth_config": {"api_base": "%s/v1"}}""".formatted(entry.id(), entry.id(), entry.id(),
                    upstream.baseUrl())).text("/secret/secret_id");
            String definition = gateway.api("POST", "model-definitions/create", """
                    {"name": "%s-def", "secret_id": "%s", "provider": "%s", "model_name": "%s-model"}"""
                    .formatted(entry.id(), secret, entry.id(), entry.id())).text("/model_definition/model_definition_id");
            assertThat(gateway.api("POST", "endpoints/create", """
                    {"name": "%s", "model_configs": [{"model_definition_id": "%s"}]}""".formatted(entry.id(), definition))
                    .status()).isEqualTo(200);
        }
    }

    @AfterAll
    static void stop() {
        gateway.close();
        upstream.close();
    }

    /** A table entry with the details of how it is called. */
    record Entry(String id, Invocation.Callable callable) {
        @Override
        public String toString() {
            return id;
        }
    }

    static Stream<Entry> entries() {
        return ProviderTable.bundled().providers().stream()
                .filter(p -> !p.id().equals("azure"))
                .flatMap(p -> p.callable().filter(c -> c.format() == OpenAiChatFormat.INSTANCE)
                        .map(c -> new Entry(p.id(), c)).stream());
    }

    private static TestGateway.Response chat(String endpoint, String extra) {
        return gateway.send("POST", "/gateway/openai/v1/chat/completions", """
                {"model": "%s", "messages": [{"role": "user", "content": "Hi"}], "max_completion_tokens": 64,
                 "seed": 7, "stream_options": null %s}""".formatted(endpoint, extra));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void passes_chat_through_with_the_entrys_path_auth_model_and_renames(Entry entry) {
        upstream.enqueue(Reply.json(OpenAiBodies.chatCompletion(entry.id() + "-model", "ok", 1, 1)));

        var response = chat(entry.id(), "");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.text("/choices/0/message/content")).isEqualTo("ok");
        Recorded sent = upstream.received().getLast();
        assertThat(sent.path()).isEqualTo("/v1" + entry.callable().apiBaseSuffix() + "/chat/completions");
        String key = "sk-" + entry.id() + "-0123456789";
        entry.callable().keyHeader().ifPresentOrElse(
                header -> assertThat(sent.header(header)).hasValue(key),
                () -> assertThat(sent.header("Authorization")).hasValue("Bearer " + key));
        assertThat(sent.bodyJson().path("model").asText()).isEqualTo(entry.id() + "-model");
        String limit = entry.callable().rename().getOrDefault("max_completion_tokens", "max_completion_tokens");
        assertThat(sent.bodyJson().path(limit).asInt()).isEqualTo(64);
        String seed = entry.callable().rename().getOrDefault("seed", "seed");
        assertThat(sent.bodyJson().path(seed).asInt()).isEqualTo(7);
        for (String dropped : entry.callable().drop()) {
            assertThat(sent.bodyJson().has(dropped)).as(dropped).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void relays_a_stream(Entry entry) {
        upstream.enqueue(Reply.sse(OpenAiBodies.chunks(entry.id() + "-model", List.of("a", "b"), false)).withDone());

        var response = chat(entry.id(), ", \"stream\": true");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("\"a\"").contains("\"b\"").endsWith("data: [DONE]\n\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void relays_an_upstream_client_error(Entry entry) {
        upstream.enqueue(Reply.json(401, OpenAiBodies.error("Incorrect API key", "invalid_request_error",
                "invalid_api_key")));

        var response = chat(entry.id(), "");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.text("/error/code")).isEqualTo("invalid_api_key");
    }
}
