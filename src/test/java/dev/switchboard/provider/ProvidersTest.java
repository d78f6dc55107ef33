package dev.switchboard.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.catalog.Invocation;
import dev.switchboard.catalog.ProviderInfo;
import dev.switchboard.catalog.ProviderTable;
import dev.switchboard.core.ApiBasePolicy;
import dev.switchboard.core.Credentials;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Json;
import dev.switchboard.core.Operation;
import dev.switchboard.core.WireFormat;
import dev.switchboard.provider.anthropic.AnthropicProvider;
import dev.switchboard.provider.gemini.GeminiProvider;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.Recorded;
import dev.switchboard.testing.Reply;
import dev.switchboard.wire.anthropic.AnthropicFormat;
import dev.switchboard.wire.gemini.GeminiFormat;
import dev.switchboard.wire.openai.OpenAiChatFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The registry {@link Providers} builds from the provider table, checked entry by entry against the table. */
class ProvidersTest {

    /** The 57 entries the table marked {@code "kind": "openai_compatible"} before it said how each is called. */
    private static final List<String> FORMERLY_OPENAI_COMPATIBLE = List.of("databricks", "xai", "azure_ai", "github",
            "aiohttp_openai", "custom", "litellm_proxy", "groq", "together_ai", "fireworks_ai", "deepseek", "mistral",
            "openrouter", "perplexity", "cerebras", "deepinfra", "nvidia_nim", "sambanova", "ollama", "vllm",
            "hosted_vllm", "lm_studio", "llamafile", "xinference", "lemonade", "docker_model_runner", "cohere",
            "codestral", "ai21_chat", "meta_llama", "moonshot", "dashscope", "volcengine", "zai", "minimax", "morph",
            "v0", "huggingface", "anyscale", "nebius", "novita", "hyperbolic", "lambda_ai", "nscale", "featherless_ai",
            "friendliai", "baseten", "clarifai", "gradient_ai", "galadriel", "aiml", "empower", "cometapi",
            "ovhcloud", "wandb", "heroku", "vercel_ai_gateway");
    private static final String KEY = "sk-table-0123456789abcdef";

    static Transport transport;
    static ProviderRegistry registry;
    static FakeUpstream upstream;

    @BeforeAll
    static void start() {
        transport = new Transport(ApiBasePolicy.permissive(), Set.of());
        registry = Providers.all(transport);
        upstream = FakeUpstream.start();
    }

    @AfterAll
    static void stop() {
        transport.close();
        upstream.close();
    }

    static Stream<ProviderInfo> table() {
        return ProviderTable.bundled().providers().stream();
    }

    static Stream<ProviderInfo> callable() {
        return table().filter(p -> p.callable().isPresent());
    }

    private static Target target(String provider, Map<String, Object> settings) {
        return new Target("d-1", provider + "-def", provider, "model-x",
                Optional.of(new Credentials(Map.of("api_key", KEY))), settings, Optional.empty());
    }

    @Test
    void registers_every_formerly_openai_compatible_entry_in_openais_format() {
        assertThat(FORMERLY_OPENAI_COMPATIBLE).hasSize(57).doesNotHaveDuplicates();
        for (String id : FORMERLY_OPENAI_COMPATIBLE) {
            assertThat(registry.find(id)).as(id)
                    .hasValueSatisfying(p -> assertThat(p.wireFormat()).isSameAs(OpenAiChatFormat.INSTANCE));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void registers_an_entry_in_its_wire_format_or_refuses_it_with_the_tables_reason(ProviderInfo entry) {
        Target target = target(entry.id(), Map.of());
        switch (entry.invocation()) {
            case Invocation.Callable callable -> assertThat(registry.require(target).wireFormat())
                    .isSameAs(callable.format());
            case Invocation.NotCallable none -> {
                assertThat(registry.find(entry.id())).isEmpty();
                assertThatThrownBy(() -> registry.require(target))
                        .isInstanceOf(GatewayException.NoUsableTarget.class)
                        .hasMessage("Provider '" + entry.id() + "' of model definition '" + entry.id()
                                + "-def' cannot be called by this gateway: " + none.reason());
            }
        }
    }

    @Test
    void says_a_provider_outside_the_table_is_not_in_it() {
        assertThatThrownBy(() -> registry.require(target("no_such_provider", Map.of())))
                .isInstanceOf(GatewayException.NoUsableTarget.class)
                .hasMessageEndingWith("cannot be called by this gateway: it is not in the provider table");
    }

    /** Each callable entry, asked to pass a body through, sends the key where its entry says, and its edits. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("callable")
    void sends_the_key_where_the_table_says(ProviderInfo entry) {
        Invocation.Callable callable = entry.callable().orElseThrow();
        upstream.enqueue(Reply.json("{}"));
        Operation operation = callable.format().chatOperation(false);
        var body = Json.mapper().createObjectNode().put("model", "model-x").put("top_k", 5);
        Call call = new Call(target(entry.id(), Map.of("api_base", upstream.baseUrl())), Timeouts.DEFAULT,
                Caller.none());

        registry.require(call.target()).send(operation, body, Map.of(), call).close();

        Recorded sent = upstream.received().getLast();
        callable.keyHeader().ifPresentOrElse(header -> assertThat(sent.header(header)).as(header).hasValue(KEY),
                () -> assertThat(sent.header("Authorization")).hasValue("Bearer " + KEY));
        assertThat(sent.bodyJson().has("top_k")).as("top_k").isEqualTo(!callable.drop().contains("top_k"));
    }

    @Test
    void agrees_with_the_native_provider_classes_on_their_base_urls() {
        assertThat(find("anthropic").baseUrl()).contains(AnthropicProvider.DEFAULT_BASE_URL);
        assertThat(find("gemini").baseUrl()).contains(GeminiProvider.DEFAULT_BASE_URL);
    }

    @Test
    void exempts_the_origins_of_the_callable_entries_base_urls_from_the_api_base_guard() {
        Set<String> origins = Providers.builtInOrigins();

        assertThat(origins).contains("http://localhost:11434", "https://api.groq.com:443", "https://api.anthropic.com:443",
                "https://api.cohere.ai:443");
        assertThat(origins).hasSize((int) callable().flatMap(p -> p.baseUrl().stream())
                .map(url -> Transport.origin(java.net.URI.create(url))).distinct().count());
    }

    @Test
    void refuses_at_start_a_table_that_gives_a_native_wire_format_to_another_entry() {
        ProviderTable table = ProviderTable.parse("""
                {"providers": [{"id": "claude_proxy", "display_name": "Claude proxy", "wire_format": "anthropic",
                  "docs_url": "https://example.com/docs"}]}""", "test table");

        assertThatThrownBy(() -> Providers.all(table, transport))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Provider 'claude_proxy' in the provider table: wire_format 'anthropic' is only"
                        + " built for the 'anthropic' entry");
    }

    private static ProviderInfo find(String id) {
        return table().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }
}
