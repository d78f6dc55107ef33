package dev.switchboard.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class CatalogLoaderTest {

    /** LiteLLM's catalog as of July 2026, present on development machines only; never copied into the repository. */
    private static final Path SHARED_LITELLM = Path.of("/work/shared/reference/litellm/model_prices_and_context_window.json");

    static byte[] fixture(String name) {
        try (InputStream in = CatalogLoaderTest.class.getResourceAsStream("/fixtures/catalog/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CatalogLoader.Parsed parse(String json) {
        return CatalogLoader.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void keeps_chat_completion_embedding_and_modeless_entries_under_mlflow_rules() {
        CatalogLoader.Parsed parsed = CatalogLoader.parse(fixture("litellm-small.json"));

        assertThat(parsed.models()).extracting(ModelInfo::provider, ModelInfo::model).containsExactlyInAnyOrder(
                tuple("openai", "gpt-4o"),
                tuple("openai", "text-embedding-3-small"),
                tuple("text-completion-openai", "babbage-002"),
                tuple("anthropic", "claude-sonnet-4-5"),
                tuple("vertex_ai", "claude-sonnet-4-5@20250929"),
                tuple("vertex_ai", "gemini-2.5-pro"),
                tuple("vertex_ai", "text-embedding-005"),
                tuple("bedrock", "anthropic.claude-sonnet-4-5-20250929-v1:0"),
                tuple("groq", "openai/gpt-oss-120b"),
                tuple("xai", "grok-4-fast-reasoning"),
                tuple("fireworks_ai", "fireworks-ai-up-to-4b"));
    }

    @Test
    void skips_and_lists_entries_whose_fields_have_the_wrong_type() {
        CatalogLoader.Parsed parsed = CatalogLoader.parse(fixture("litellm-small.json"));

        assertThat(parsed.malformed()).containsExactlyInAnyOrder("bad-cost-as-string", "bad-flag-as-string",
                "bad-no-provider", "bad-not-an-object", "bad-fractional-tokens", "bad-negative-cost",
                "bad-mode-as-number");
    }

    @Test
    void reads_every_field_of_an_entry_and_ignores_unknown_ones() {
        ModelInfo gpt4o = model(CatalogLoader.parse(fixture("litellm-small.json")), "openai", "gpt-4o");

        assertThat(gpt4o.mode()).contains("chat");
        assertThat(gpt4o.supportsFunctionCalling()).isTrue();
        assertThat(gpt4o.supportsVision()).isTrue();
        assertThat(gpt4o.supportsReasoning()).isFalse();
        assertThat(gpt4o.supportsPromptCaching()).isTrue();
        assertThat(gpt4o.supportsResponseSchema()).isTrue();
        assertThat(gpt4o.maxInputTokens()).isEqualTo(OptionalLong.of(128000));
        assertThat(gpt4o.maxOutputTokens()).isEqualTo(OptionalLong.of(16384));
        assertThat(gpt4o.inputCostPerToken()).isEqualTo(OptionalDouble.of(2.5e-6));
        assertThat(gpt4o.outputCostPerToken()).isEqualTo(OptionalDouble.of(1e-5));
        assertThat(gpt4o.cacheReadCostPerToken()).isEqualTo(OptionalDouble.of(1.25e-6));
        assertThat(gpt4o.cacheWriteCostPerToken()).isEmpty();
        assertThat(gpt4o.reasoningCostPerToken()).isEmpty();
        assertThat(gpt4o.deprecationDate()).isEmpty();
    }

    @Test
    void reads_cache_write_reasoning_rate_and_deprecation_date() {
        CatalogLoader.Parsed parsed = CatalogLoader.parse(fixture("litellm-small.json"));

        ModelInfo claude = model(parsed, "anthropic", "claude-sonnet-4-5");
        assertThat(claude.cacheWriteCostPerToken()).isEqualTo(OptionalDouble.of(3.75e-6));
        assertThat(claude.deprecationDate()).contains("2027-09-29");
        assertThat(model(parsed, "vertex_ai", "gemini-2.5-pro").reasoningCostPerToken())
                .isEqualTo(OptionalDouble.of(1.2e-5));
    }

    @Test
    void the_first_entry_of_a_provider_and_model_wins_over_a_prefixed_duplicate() {
        CatalogLoader.Parsed parsed = CatalogLoader.parse(fixture("litellm-small.json"));

        assertThat(model(parsed, "openai", "gpt-4o").inputCostPerToken()).isEqualTo(OptionalDouble.of(2.5e-6));
        assertThat(model(parsed, "vertex_ai", "gemini-2.5-pro").inputCostPerToken()).isEqualTo(OptionalDouble.of(1.25e-6));
    }

    @Test
    void accepts_whole_token_counts_written_as_decimals_and_legacy_max_tokens() {
        CatalogLoader.Parsed parsed = CatalogLoader.parse(fixture("litellm-small.json"));

        assertThat(model(parsed, "xai", "grok-4-fast-reasoning").maxInputTokens()).isEqualTo(OptionalLong.of(2_000_000));
        assertThat(model(parsed, "groq", "openai/gpt-oss-120b").maxInputTokens()).isEqualTo(OptionalLong.of(131072));
        ModelInfo babbage = model(parsed, "text-completion-openai", "babbage-002");
        assertThat(babbage.maxOutputTokens()).isEqualTo(OptionalLong.of(16384));
        assertThat(babbage.maxInputTokens()).isEmpty();
    }

    @Test
    void an_entry_without_a_mode_is_kept_with_no_mode() {
        ModelInfo tier = model(CatalogLoader.parse(fixture("litellm-small.json")), "fireworks_ai", "fireworks-ai-up-to-4b");

        assertThat(tier.mode()).isEmpty();
    }

    @Test
    void a_document_that_is_not_an_object_is_an_error_that_says_so() {
        assertThatThrownBy(() -> parse("[{\"litellm_provider\": \"openai\"}]"))
                .isInstanceOf(CatalogSourceException.class)
                .hasMessageContaining("must be a JSON object keyed by model name")
                .hasMessageContaining("array");
        assertThatThrownBy(() -> parse("")).isInstanceOf(CatalogSourceException.class).hasMessageContaining("empty");
    }

    @Test
    void invalid_json_is_an_error_with_its_position_and_without_the_content() {
        assertThatThrownBy(() -> parse("{\"gpt-4o\": {\"mode\": \"chat\",\n secret-looking-text }"))
                .isInstanceOf(CatalogSourceException.class)
                .hasMessageContaining("not valid JSON")
                .hasMessageContaining("line 2")
                .hasMessageNotContaining("secret-looking-text");
    }

    @Test
    void an_empty_object_has_no_models() {
        assertThat(parse("{}").models()).isEmpty();
    }

    @Test
    void parses_the_real_litellm_catalog_when_it_is_present() throws IOException {
        Assumptions.assumeTrue(Files.isReadable(SHARED_LITELLM),
                "LiteLLM's catalog is not at " + SHARED_LITELLM + " (only development machines have it); skipped");

        CatalogLoader.Parsed parsed = CatalogLoader.parse(Files.readAllBytes(SHARED_LITELLM));

        var providers = parsed.models().stream().map(ModelInfo::provider).collect(Collectors.toSet());
        assertThat(parsed.models()).hasSizeGreaterThan(1000);
        // MLflow's rules (plus the responses mode, which the gateway can call) leave most of the file's
        // litellm_provider values (not other modes, bedrock_converse, vertex_ai-*).
        assertThat(providers).hasSizeGreaterThan(70)
                .contains("openai", "anthropic", "bedrock", "gemini", "vertex_ai", "xai", "mistral", "groq", "deepseek")
                .doesNotContain("bedrock_converse")
                .noneMatch(p -> p.startsWith("vertex_ai-"));
        assertThat(parsed.models()).noneMatch(m -> m.model().startsWith("ft:"));
        assertThat(parsed.models()).noneMatch(m -> m.model().startsWith(m.provider() + "/"));
        assertThat(parsed.models()).allMatch(m -> m.mode().isEmpty()
                || Optional.of("chat").equals(m.mode()) || Optional.of("completion").equals(m.mode())
                || Optional.of("embedding").equals(m.mode()) || Optional.of("responses").equals(m.mode()));
        assertThat(parsed.models()).anyMatch(m -> m.provider().equals("openai") && m.model().equals("o3-pro")
                && Optional.of("responses").equals(m.mode()));
        assertThat(parsed.malformed()).hasSizeLessThan(10);
        assertThat(parsed.models().stream().filter(m -> m.provider().equals("openai")
                && m.inputCostPerToken().isPresent()).count()).isGreaterThan(20);
    }

    static ModelInfo model(CatalogLoader.Parsed parsed, String provider, String name) {
        return parsed.models().stream()
                .filter(m -> m.provider().equals(provider) && m.model().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no model " + provider + "/" + name));
    }
}
