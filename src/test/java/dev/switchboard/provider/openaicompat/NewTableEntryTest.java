package dev.switchboard.provider.openaicompat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.catalog.ProviderCatalog;
import dev.switchboard.catalog.ProviderTable;
import dev.switchboard.core.ApiBasePolicy;
import dev.switchboard.core.ChatRequest;
import dev.switchboard.core.ChatResponse;
import dev.switchboard.core.Credentials;
import dev.switchboard.core.Json;
import dev.switchboard.core.Message;
import dev.switchboard.core.Operation;
import dev.switchboard.core.Role;
import dev.switchboard.provider.Call;
import dev.switchboard.provider.Caller;
import dev.switchboard.provider.Provider;
import dev.switchboard.provider.ProviderRegistry;
import dev.switchboard.provider.Providers;
import dev.switchboard.provider.Target;
import dev.switchboard.provider.Timeouts;
import dev.switchboard.provider.Transport;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Recorded;
import dev.switchboard.testing.Reply;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A provider that exists only as data: a table text with one new OpenAI-compatible entry is parsed,
 * and the gateway's own classes, unchanged, register it and call a fake upstream standing at its
 * base URL, with its key header and its edits. This is what docs/providers.md promises: a new
 * OpenAI-compatible provider is one entry in the table.
 */
class NewTableEntryTest {

    private static final String KEY = "acme-key-0123456789";

    private static String table(FakeUpstream upstream) {
        return """
                {"providers": [
                  {"id": "acme", "display_name": "Acme AI", "wire_format": "openai", "base_url": "%s/v1",
                   "key_header": "X-Acme-Key", "drop": ["user"], "rename": {"max_completion_tokens": "max_tokens"},
                   "docs_url": "https://acme.example/docs"}
                ]}""".formatted(upstream.baseUrl());
    }

    @Test
    void calls_a_provider_added_as_one_table_entry() {
        try (FakeUpstream upstream = FakeUpstream.start()) {
            ProviderTable table = ProviderTable.parse(table(upstream), "test table");
            // The guard's defaults: the entry's own loopback base URL is reachable as a built-in address.
            try (Transport transport = new Transport(ApiBasePolicy.fromEnv(Map.of()), Providers.builtInOrigins(table))) {
                ProviderRegistry registry = Providers.all(table, transport);
                ProviderCatalog catalog = new ProviderCatalog(table,
                        registry.all().stream().map(Provider::id).collect(Collectors.toSet()), Optional.empty());
                assertThat(catalog.validateProvider("acme")).isEqualTo("acme");
                Target target = new Target("d-1", "acme-def", "acme", "acme-large",
                        Optional.of(new Credentials(Map.of("api_key", KEY))), Map.of(), Optional.empty());
                upstream.enqueue(Reply.json(OpenAiBodies.chatCompletion("acme-large", "Hi from Acme", 4, 3)));

                ChatResponse response = registry.require(target).chat(
                        ChatRequest.of(List.of(Message.of(Role.USER, "Hello"))), new Call(target, Timeouts.DEFAULT,
                                Caller.none()));

                assertThat(response.choices().getFirst().message().text()).isEqualTo("Hi from Acme");
                Recorded sent = upstream.received().getLast();
                assertThat(sent.path()).isEqualTo("/v1/chat/completions");
                assertThat(sent.header("X-Acme-Key")).hasValue(KEY);
                assertThat(sent.header("Authorization")).isEmpty();
                assertThat(sent.bodyJson().path("model").asText()).isEqualTo("acme-large");
            }
        }
    }

    @Test
    void passes_a_body_through_with_the_entrys_drops_and_renames() {
        try (FakeUpstream upstream = FakeUpstream.start()) {
            ProviderTable table = ProviderTable.parse(table(upstream), "test table");
            try (Transport transport = new Transport(ApiBasePolicy.fromEnv(Map.of()), Providers.builtInOrigins(table))) {
                Target target = new Target("d-1", "acme-def", "acme", "acme-large",
                        Optional.of(new Credentials(Map.of("api_key", KEY))), Map.of(), Optional.empty());
                upstream.enqueue(Reply.json(OpenAiBodies.chatCompletion("acme-large", "ok", 4, 3)));
                var body = Json.mapper().createObjectNode().put("model", "acme-large")
                        .put("max_completion_tokens", 64).put("user", "u-1");

                Providers.all(table, transport).require(target)
                        .send(Operation.CHAT_COMPLETIONS, body, Map.of(),
                                new Call(target, Timeouts.DEFAULT, Caller.none()))
                        .close();

                var sent = upstream.received().getLast().bodyJson();
                assertThat(sent.path("max_tokens").asInt()).isEqualTo(64);
                assertThat(sent.has("max_completion_tokens")).isFalse();
                assertThat(sent.has("user")).isFalse();
            }
        }
    }
}
