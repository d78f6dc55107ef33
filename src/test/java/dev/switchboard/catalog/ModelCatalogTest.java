package dev.switchboard.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCatalogTest {

    private static final Set<String> REQUIRED_PROVIDERS = Set.of("openai", "anthropic", "gemini", "vertex_ai",
            "bedrock", "mistral", "xai", "deepseek", "groq", "cohere");

    @TempDir
    Path dir;

    @Test
    void the_bundled_catalog_parses_without_a_malformed_entry() throws IOException {
        byte[] bytes = ModelCatalog.class.getResourceAsStream(ModelCatalog.BUNDLED_RESOURCE).readAllBytes();

        CatalogLoader.Parsed parsed = CatalogLoader.parse(bytes);

        assertThat(parsed.malformed()).isEmpty();
        assertThat(parsed.models()).hasSizeBetween(60, 120);
    }

    @Test
    void every_bundled_model_has_a_mode_a_context_window_and_prices() {
        List<ModelInfo> bundled = ModelCatalog.bundledModels();

        assertThat(bundled).allSatisfy(m -> {
            assertThat(m.mode()).as(m.model()).isPresent();
            assertThat(Set.of("chat", "completion", "embedding", "responses")).contains(m.mode().get());
            assertThat(m.maxInputTokens()).as(m.model()).isPresent();
            assertThat(m.inputCostPerToken()).as(m.model()).isPresent();
            assertThat(m.outputCostPerToken()).as(m.model()).isPresent();
            if (!m.mode().get().equals("embedding")) {
                assertThat(m.maxOutputTokens()).as(m.model()).isPresent();
                assertThat(m.outputCostPerToken().getAsDouble()).as(m.model()).isGreaterThan(0);
            }
            if (m.supportsPromptCaching() && !m.provider().equals("groq")) {
                assertThat(m.cacheReadCostPerToken()).as(m.model()).isPresent();
            }
            m.cacheReadCostPerToken().ifPresent(read ->
                    assertThat(read).as(m.model()).isLessThan(m.inputCostPerToken().getAsDouble()));
            m.deprecationDate().ifPresent(date -> assertThat(date).matches("\\d{4}-\\d{2}-\\d{2}"));
        });
    }

    @Test
    void the_bundled_catalog_covers_chat_and_embedding_models_of_the_main_providers() {
        List<ModelInfo> bundled = ModelCatalog.bundledModels();

        assertThat(bundled.stream().map(ModelInfo::provider).collect(Collectors.toSet()))
                .containsAll(REQUIRED_PROVIDERS);
        for (String provider : REQUIRED_PROVIDERS) {
            assertThat(bundled).as(provider).anyMatch(m -> m.provider().equals(provider) && m.mode().equals(Optional.of("chat")));
        }
        assertThat(bundled.stream().filter(m -> m.mode().equals(Optional.of("embedding"))).map(ModelInfo::provider))
                .contains("openai", "gemini", "vertex_ai", "bedrock", "mistral", "cohere");
        assertThat(bundled).anyMatch(ModelInfo::supportsReasoning).anyMatch(m -> m.deprecationDate().isPresent());
    }

    @Test
    void lists_common_providers_first_then_the_rest_by_id_and_models_by_name() {
        List<String> providers = ModelCatalog.bundled().providers();

        assertThat(providers).startsWith("openai", "anthropic", "bedrock", "gemini", "vertex_ai", "xai")
                .endsWith("cohere", "deepseek", "groq", "mistral");
        List<String> openai = ModelCatalog.bundled().models(Optional.of("openai"), Optional.empty()).stream()
                .map(ModelInfo::model).toList();
        assertThat(openai).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
    }

    @Test
    void filters_by_provider_and_searches_names_ignoring_case() {
        ModelCatalog catalog = ModelCatalog.bundled();

        assertThat(catalog.models(Optional.of("anthropic"), Optional.empty()))
                .isNotEmpty().allMatch(m -> m.provider().equals("anthropic"));
        assertThat(catalog.models(Optional.empty(), Optional.of("SONNET-4-5")))
                .extracting(ModelInfo::provider).contains("anthropic", "vertex_ai", "bedrock");
        assertThat(catalog.models(Optional.of("bedrock"), Optional.of("Haiku")))
                .isNotEmpty().allMatch(m -> m.provider().equals("bedrock") && m.model().contains("haiku"));
        assertThat(catalog.models(Optional.of("no-such-provider"), Optional.empty())).isEmpty();
        assertThat(catalog.models(Optional.of(" "), Optional.of(""))).hasSameSizeAs(catalog.models());
    }

    @Test
    void finds_a_model_by_provider_and_name_with_or_without_the_provider_prefix() {
        ModelCatalog catalog = ModelCatalog.bundled();

        assertThat(catalog.find("openai", "gpt-4o")).map(ModelInfo::model).contains("gpt-4o");
        assertThat(catalog.find("gemini", "gemini/gemini-2.5-pro")).map(ModelInfo::provider).contains("gemini");
        assertThat(catalog.find("vertex_ai-language-models", "gemini-2.5-pro")).map(ModelInfo::provider).contains("vertex_ai");
        assertThat(catalog.find("groq", "openai/gpt-oss-120b")).isPresent();
        assertThat(catalog.find("openai", "gpt-nonexistent")).isEmpty();
    }

    @Test
    void a_loaded_catalog_adds_models_and_overrides_bundled_ones_by_provider_and_model() {
        ModelCatalog catalog = ModelCatalog.bundled();
        int bundled = catalog.models().size();
        ModelInfo cheaper = catalog.find("openai", "gpt-4o").orElseThrow().withCosts(OptionalDouble.of(1e-9),
                OptionalDouble.of(2e-9), OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty());
        ModelInfo added = ModelInfo.named("together_ai", "some/new-model", "chat");

        ModelCatalog.Refreshed refreshed = catalog.install(new CatalogSource.Loaded(List.of(cheaper, added), List.of(), "test"));

        assertThat(refreshed.models()).isEqualTo(bundled + 1);
        assertThat(refreshed.loaded()).isEqualTo(2);
        assertThat(catalog.find("openai", "gpt-4o").orElseThrow().inputCostPerToken()).isEqualTo(OptionalDouble.of(1e-9));
        assertThat(catalog.find("together_ai", "some/new-model")).isPresent();
        assertThat(catalog.find("anthropic", "claude-sonnet-4-5")).isPresent();
        assertThat(catalog.currentSource()).isEqualTo("bundled + test");
    }

    @Test
    void start_loads_the_file_source_over_the_bundled_set() throws IOException {
        Path file = dir.resolve("catalog.json");
        Files.write(file, CatalogLoaderTest.fixture("litellm-small.json"));
        ModelCatalog catalog = ModelCatalog.withSource(CatalogSource.file(file));

        Optional<ModelCatalog.Refreshed> refreshed = catalog.start();

        assertThat(refreshed).isPresent();
        assertThat(refreshed.get().loaded()).isEqualTo(11);
        assertThat(refreshed.get().malformed()).isEqualTo(7);
        assertThat(catalog.find("fireworks_ai", "fireworks-ai-up-to-4b")).isPresent();
        assertThat(catalog.find("openai", "gpt-4o").orElseThrow().inputCostPerToken()).isEqualTo(OptionalDouble.of(2.5e-6));
        assertThat(catalog.find("mistral", "mistral-large-latest")).as("bundled models stay").isPresent();
    }

    @Test
    void start_with_a_missing_file_keeps_the_bundled_set_and_does_not_throw() {
        ModelCatalog catalog = ModelCatalog.withSource(CatalogSource.file(dir.resolve("missing.json")));

        assertThat(catalog.start()).isEmpty();
        assertThat(catalog.models()).hasSameSizeAs(ModelCatalog.bundledModels());
        assertThat(catalog.currentSource()).isEqualTo("bundled");
    }

    @Test
    void a_reload_that_finds_a_malformed_catalog_keeps_the_previous_one() throws IOException {
        Path file = dir.resolve("catalog.json");
        Files.write(file, CatalogLoaderTest.fixture("litellm-small.json"));
        ModelCatalog catalog = ModelCatalog.withSource(CatalogSource.file(file));
        catalog.reload();
        List<ModelInfo> before = catalog.models();

        Files.writeString(file, "[\"not\", \"a\", \"catalog\"]");

        assertThatThrownBy(catalog::reload).isInstanceOf(CatalogSourceException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("must be a JSON object");
        assertThat(catalog.models()).isEqualTo(before);
        assertThat(catalog.find("fireworks_ai", "fireworks-ai-up-to-4b")).isPresent();

        Files.delete(file);
        assertThatThrownBy(catalog::reload).isInstanceOf(CatalogSourceException.class).hasMessageContaining("does not exist");
        assertThat(catalog.models()).isEqualTo(before);
    }

    @Test
    void a_reload_picks_up_a_changed_file_without_restart() throws IOException {
        Path file = dir.resolve("catalog.json");
        Files.writeString(file, "{}");
        ModelCatalog catalog = ModelCatalog.withSource(CatalogSource.file(file));
        catalog.start();
        assertThat(catalog.find("fireworks_ai", "fireworks-ai-up-to-4b")).isEmpty();

        Files.write(file, CatalogLoaderTest.fixture("litellm-small.json"));
        catalog.reload();

        assertThat(catalog.find("fireworks_ai", "fireworks-ai-up-to-4b")).isPresent();
    }

    @Test
    void reload_without_a_source_says_how_to_configure_one() {
        assertThatThrownBy(() -> ModelCatalog.bundled().reload()).isInstanceOf(CatalogSourceException.class)
                .hasMessageContaining("--catalog-file").hasMessageContaining("--catalog-url");
    }
}
