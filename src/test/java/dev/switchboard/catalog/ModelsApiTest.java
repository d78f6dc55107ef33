package dev.switchboard.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.admin.AdminRequest;
import dev.switchboard.admin.AdminRoute;
import dev.switchboard.admin.ModelsApi;
import dev.switchboard.core.GatewayException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code supported-models} and {@code catalog/refresh}, called through their {@link AdminRoute}s. */
class ModelsApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static JsonNode call(ModelsApi api, String method, String path, Map<String, List<String>> query) {
        AdminRoute route = api.routes().stream()
                .filter(r -> r.method().equals(method) && r.path().equals(path))
                .findFirst().orElseThrow(() -> new AssertionError("no route " + method + " " + path));
        try {
            return JSON.readTree(route.invoke(AdminRequest.of(query, new byte[0])));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<JsonNode> models(ModelsApi api, Map<String, List<String>> query) {
        return StreamSupport.stream(call(api, "GET", "supported-models", query).get("models").spliterator(), false)
                .toList();
    }

    @Test
    void lists_every_model_with_mlflow_fields() {
        List<JsonNode> models = models(new ModelsApi(ModelCatalog.bundled()), Map.of());

        assertThat(models).hasSameSizeAs(ModelCatalog.bundledModels());
        JsonNode gpt4o = models.stream().filter(m -> m.get("model").asText().equals("gpt-4o")).findFirst().orElseThrow();
        assertThat(gpt4o.get("provider").asText()).isEqualTo("openai");
        assertThat(gpt4o.get("mode").asText()).isEqualTo("chat");
        assertThat(gpt4o.get("supports_function_calling").asBoolean()).isTrue();
        assertThat(gpt4o.get("supports_vision").asBoolean()).isTrue();
        assertThat(gpt4o.get("supports_reasoning").asBoolean()).isFalse();
        assertThat(gpt4o.get("supports_prompt_caching").asBoolean()).isTrue();
        assertThat(gpt4o.get("supports_response_schema").asBoolean()).isTrue();
        assertThat(gpt4o.get("max_input_tokens").asLong()).isEqualTo(128000);
        assertThat(gpt4o.get("max_output_tokens").asLong()).isEqualTo(16384);
        assertThat(gpt4o.get("input_cost_per_token").asDouble()).isEqualTo(2.5e-6);
        assertThat(gpt4o.get("output_cost_per_token").asDouble()).isEqualTo(1e-5);
        assertThat(gpt4o.get("cache_read_input_token_cost").asDouble()).isEqualTo(1.25e-6);
        assertThat(gpt4o.has("deprecation_date")).as("unknown values are left out").isFalse();
        JsonNode retired = models.stream().filter(m -> m.get("model").asText().equals("gpt-4.5-preview"))
                .findFirst().orElseThrow();
        assertThat(retired.get("deprecation_date").asText()).isEqualTo("2025-07-14");
    }

    @Test
    void sorts_by_provider_with_common_providers_first_then_by_model() {
        List<JsonNode> models = models(new ModelsApi(ModelCatalog.bundled()), Map.of());

        List<String> providers = new ArrayList<>();
        models.forEach(m -> {
            String provider = m.get("provider").asText();
            if (providers.isEmpty() || !providers.getLast().equals(provider)) {
                providers.add(provider);
            }
        });
        assertThat(providers).doesNotHaveDuplicates().startsWith("openai", "anthropic", "bedrock", "gemini", "vertex_ai", "xai");
    }

    @Test
    void filters_by_provider_and_search() {
        ModelsApi api = new ModelsApi(ModelCatalog.bundled());

        assertThat(models(api, Map.of("provider", List.of("anthropic"))))
                .isNotEmpty().allMatch(m -> m.get("provider").asText().equals("anthropic"));
        assertThat(models(api, Map.of("provider", List.of("bedrock"), "search", List.of("NOVA"))))
                .extracting(m -> m.get("model").asText())
                .containsExactly("amazon.nova-lite-v1:0", "amazon.nova-micro-v1:0", "amazon.nova-premier-v1:0",
                        "amazon.nova-pro-v1:0");
        assertThat(models(api, Map.of("search", List.of("no-model-has-this-name")))).isEmpty();
    }

    @Test
    void models_without_known_numbers_leave_them_out() {
        ModelCatalog catalog = ModelCatalog.bundled();
        catalog.install(new CatalogSource.Loaded(List.of(ModelInfo.named("fireworks_ai", "tier-up-to-4b", "chat")),
                List.of(), "test"));

        JsonNode tier = models(new ModelsApi(catalog), Map.of("provider", List.of("fireworks_ai"))).getFirst();

        assertThat(tier.get("model").asText()).isEqualTo("tier-up-to-4b");
        assertThat(tier.has("max_input_tokens")).isFalse();
        assertThat(tier.has("input_cost_per_token")).isFalse();
        assertThat(tier.get("supports_vision").asBoolean()).isFalse();
    }

    @Test
    void refresh_reloads_the_configured_source_and_reports_what_it_loaded() throws IOException {
        Path file = dir.resolve("litellm.json");
        Files.writeString(file, "{}");
        ModelCatalog catalog = ModelCatalog.withSource(CatalogSource.file(file));
        catalog.start();
        ModelsApi api = new ModelsApi(catalog);
        Files.write(file, CatalogLoaderTest.fixture("litellm-small.json"));

        JsonNode refreshed = call(api, "POST", "catalog/refresh", Map.of());

        assertThat(refreshed.get("models").asInt()).isEqualTo(catalog.models().size());
        assertThat(refreshed.get("source").asText()).isEqualTo(file.toString());
        assertThat(refreshed.get("loaded_models").asInt()).isEqualTo(11);
        assertThat(refreshed.get("malformed_entries").asInt()).isEqualTo(7);
        assertThat(models(api, Map.of("provider", List.of("fireworks_ai")))).hasSize(1);
    }

    @Test
    void a_failed_refresh_is_a_502_that_keeps_the_previous_catalog() throws IOException {
        Path file = dir.resolve("litellm.json");
        Files.write(file, CatalogLoaderTest.fixture("litellm-small.json"));
        ModelCatalog catalog = ModelCatalog.withSource(CatalogSource.file(file));
        catalog.start();
        ModelsApi api = new ModelsApi(catalog);
        int before = models(api, Map.of()).size();
        Files.writeString(file, "not json", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> call(api, "POST", "catalog/refresh", Map.of()))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).isEqualTo(502))
                .hasMessageContaining("not valid JSON")
                .hasMessageContaining("previous catalog (" + before + " models) stays in use");
        assertThat(models(api, Map.of())).hasSize(before);
    }

    @Test
    void refresh_without_a_source_is_a_400_that_says_how_to_configure_one() {
        ModelsApi api = new ModelsApi(ModelCatalog.bundled());

        assertThatThrownBy(() -> call(api, "POST", "catalog/refresh", Map.of()))
                .isInstanceOfSatisfying(GatewayException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("--catalog-file").hasMessageContaining("--catalog-url");
    }
}
