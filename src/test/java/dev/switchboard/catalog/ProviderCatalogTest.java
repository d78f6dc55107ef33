package dev.switchboard.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.GatewayException;
import dev.switchboard.provider.Provider;
import dev.switchboard.provider.Providers;
import dev.switchboard.provider.Transport;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProviderCatalogTest {

    /** The ids the gateway registers, as {@link Providers#all} does. */
    static final Set<String> REGISTERED = registered();

    static final ProviderCatalog CATALOG = new ProviderCatalog(REGISTERED, Optional.empty());

    private static Set<String> registered() {
        try (Transport transport = new Transport(dev.switchboard.core.ApiBasePolicy.permissive(), Set.of())) {
            return Providers.all(transport).all().stream().map(Provider::id).collect(Collectors.toSet());
        }
    }

    @Test
    void lists_more_than_a_hundred_providers_with_unique_ids() {
        List<String> ids = CATALOG.all().stream().map(ProviderInfo::id).toList();

        assertThat(ids).hasSizeGreaterThanOrEqualTo(100).doesNotHaveDuplicates();
    }

    @Test
    void lists_the_common_providers_first_then_the_rest_by_display_name() {
        List<ProviderInfo> all = CATALOG.all();

        assertThat(all.subList(0, 7)).extracting(ProviderInfo::id)
                .containsExactly("openai", "anthropic", "databricks", "bedrock", "gemini", "vertex_ai", "xai");
        assertThat(all.subList(7, all.size())).extracting(ProviderInfo::displayName)
                .isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
    }

    @Test
    void every_provider_the_gateway_registers_is_in_the_catalog_and_invocable() {
        assertThat(REGISTERED).contains("openai", "anthropic", "gemini", "azure", "groq", "custom");
        for (String id : REGISTERED) {
            assertThat(CATALOG.find(id)).as(id).hasValueSatisfying(p -> assertThat(p.invocable()).isTrue());
        }
    }

    @Test
    void marks_the_providers_the_table_says_it_cannot_call_as_not_invocable() {
        assertThat(CATALOG.find("bedrock")).hasValueSatisfying(p -> assertThat(p.invocable()).isFalse());
        assertThat(CATALOG.find("cohere")).hasValueSatisfying(p -> assertThat(p.invocable()).isTrue());
        assertThat(CATALOG.all()).filteredOn(ProviderInfo::invocable).extracting(ProviderInfo::id)
                .containsExactlyInAnyOrderElementsOf(REGISTERED);
        assertThat(CATALOG.all()).filteredOn(ProviderInfo::invocable)
                .allSatisfy(p -> assertThat(p.callable()).as(p.id()).isPresent());
    }

    @Test
    void computes_invocable_from_the_ids_it_is_given_not_from_the_table() {
        ProviderCatalog onlyBedrock = new ProviderCatalog(Set.of("bedrock"), Optional.empty());

        assertThat(onlyBedrock.all()).filteredOn(ProviderInfo::invocable).extracting(ProviderInfo::id)
                .containsExactly("bedrock");
        assertThat(onlyBedrock.requireUsable("bedrock").id()).isEqualTo("bedrock");
        assertThatThrownBy(() -> onlyBedrock.requireUsable("openai"))
                .hasMessageContaining("this gateway cannot call it: this gateway registered no provider for it");
    }

    @Test
    void gives_the_reason_a_provider_cannot_be_called() {
        assertThat(CATALOG.find("bedrock").orElseThrow().notCallableReason())
                .hasValue("needs the Bedrock Converse API and AWS SigV4 signing: not built yet");
        assertThat(CATALOG.find("groq").orElseThrow().notCallableReason()).isEmpty();
    }

    @Test
    void builds_on_a_table_it_is_given() {
        ProviderTable table = ProviderTable.parse("""
                {"providers": [
                  {"id": "acme", "display_name": "Acme AI", "wire_format": "openai", "base_url": "https://api.acme.example/v1",
                   "docs_url": "https://acme.example/docs", "aliases": ["acme_ai"]},
                  {"id": "zeta", "display_name": "Zeta", "not_callable": "needs request signing: not built yet",
                   "docs_url": "https://zeta.example/docs"}
                ]}""", "test table");
        ProviderCatalog catalog = new ProviderCatalog(table, Set.of("acme"), Optional.empty());

        assertThat(catalog.all()).extracting(ProviderInfo::id).containsExactly("acme", "zeta");
        assertThat(catalog.validateProvider("acme_ai")).isEqualTo("acme");
        assertThatThrownBy(() -> catalog.requireUsable("zeta"))
                .hasMessage("Provider 'zeta' (Zeta) is in the provider catalog but this gateway cannot call it: "
                        + "needs request signing: not built yet");
    }

    @ParameterizedTest
    @CsvSource({"openai,OpenAI", "anthropic,Anthropic", "bedrock,Amazon Bedrock", "gemini,Google Gemini",
            "vertex_ai,Google Vertex AI", "azure,Azure OpenAI", "groq,Groq", "databricks,Databricks", "xai,xAI",
            "cohere,Cohere", "mistral,Mistral AI", "together_ai,Together AI", "fireworks_ai,Fireworks AI",
            "replicate,Replicate", "huggingface,Hugging Face", "ai21,AI21", "perplexity,Perplexity",
            "deepinfra,DeepInfra", "nvidia_nim,NVIDIA NIM", "cerebras,Cerebras"})
    void uses_mlflows_display_names(String id, String displayName) {
        assertThat(CATALOG.find(id)).hasValueSatisfying(p -> assertThat(p.displayName()).isEqualTo(displayName));
    }

    @Test
    void gives_every_provider_an_https_docs_link_and_a_default_mode_it_has() {
        for (ProviderInfo p : CATALOG.all()) {
            assertThat(p.docsUrl()).as(p.id()).startsWith("https://");
            assertThat(p.authMode(p.defaultMode())).as(p.id()).isPresent();
            assertThat(p.authModes()).as(p.id()).allSatisfy(m -> assertThat(m.secretFields()).isNotEmpty());
        }
    }

    @ParameterizedTest
    @CsvSource({"bedrock_converse,bedrock", "vertex_ai-language-models,vertex_ai", "vertex_ai-anthropic_models,vertex_ai",
            "vertex_ai_beta,vertex_ai", "fireworks_ai-embedding-models,fireworks_ai", "custom_openai,custom",
            "OpenAI,openai", "' groq ',groq", "text-completion-openai,text-completion-openai"})
    void resolves_aliases_to_the_canonical_id(String alias, String canonical) {
        assertThat(CATALOG.canonicalId(alias)).contains(canonical);
        assertThat(CATALOG.find(alias)).hasValueSatisfying(p -> assertThat(p.id()).isEqualTo(canonical));
    }

    @Test
    void finds_nothing_for_an_unknown_provider() {
        assertThat(CATALOG.find("no_such_provider")).isEmpty();
        assertThat(CATALOG.canonicalId("vertex")).isEmpty();
    }

    @Test
    void refuses_an_unknown_provider_by_name() {
        assertThatThrownBy(() -> CATALOG.requireUsable("no_such_provider"))
                .isInstanceOf(GatewayException.InvalidRequest.class)
                .hasMessageContaining("Unknown provider 'no_such_provider'")
                .hasMessageContaining("supported-providers");
    }

    @Test
    void refuses_a_provider_it_cannot_call_and_says_why() {
        assertThatThrownBy(() -> CATALOG.requireUsable("bedrock_converse"))
                .isInstanceOf(GatewayException.InvalidRequest.class)
                .hasMessage("Provider 'bedrock' (Amazon Bedrock) is in the provider catalog but this gateway cannot"
                        + " call it: needs the Bedrock Converse API and AWS SigV4 signing: not built yet");
    }

    @Test
    void validates_a_model_definition_provider_to_its_canonical_id() {
        assertThat(CATALOG.validateProvider("custom_openai")).isEqualTo("custom");
        assertThat(CATALOG.validateProvider("Anthropic")).isEqualTo("anthropic");
        assertThatThrownBy(() -> CATALOG.validateProvider("replicate"))
                .hasMessageContaining("Replicate's predictions API (start a prediction, then poll it): not built yet");
    }
}
