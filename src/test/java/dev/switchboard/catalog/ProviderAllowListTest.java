package dev.switchboard.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.GatewayException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code SWITCHBOARD_ALLOWED_PROVIDERS}: parsing, and what a blocked provider looks like. */
class ProviderAllowListTest {

    private static ProviderCatalog allowing(String value) {
        return new ProviderCatalog(ProviderCatalogTest.REGISTERED, ProviderCatalog.parseAllowList(value));
    }

    @Test
    void parses_a_comma_separated_list_trimmed_and_lower_cased() {
        assertThat(ProviderCatalog.parseAllowList(" openai, Anthropic ,,groq "))
                .contains(Set.of("openai", "anthropic", "groq"));
    }

    @Test
    void treats_a_blank_or_empty_list_as_no_allow_list() {
        assertThat(ProviderCatalog.parseAllowList("")).isEmpty();
        assertThat(ProviderCatalog.parseAllowList("  ")).isEmpty();
        assertThat(ProviderCatalog.parseAllowList(" , ,")).isEmpty();
    }

    @Test
    void reads_the_list_from_the_environment() {
        assertThat(ProviderCatalog.allowedProviders(Map.of("SWITCHBOARD_ALLOWED_PROVIDERS", "openai,gemini")))
                .contains(Set.of("openai", "gemini"));
        assertThat(ProviderCatalog.allowedProviders(Map.of())).isEmpty();
    }

    @Test
    void reads_mlflows_name_for_the_list() {
        assertThat(ProviderCatalog.allowedProviders(Map.of("MLFLOW_GATEWAY_ALLOWED_PROVIDERS", "anthropic")))
                .contains(Set.of("anthropic"));
        assertThat(ProviderCatalog.allowedProviders(Map.of("SWITCHBOARD_ALLOWED_PROVIDERS", " ",
                "MLFLOW_GATEWAY_ALLOWED_PROVIDERS", "anthropic"))).contains(Set.of("anthropic"));
    }

    @Test
    void the_switchboard_name_wins_over_mlflows() {
        assertThat(ProviderCatalog.allowedProviders(Map.of("SWITCHBOARD_ALLOWED_PROVIDERS", "openai",
                "MLFLOW_GATEWAY_ALLOWED_PROVIDERS", "anthropic"))).contains(Set.of("openai"));
    }

    @Test
    void allows_every_provider_without_a_list() {
        ProviderCatalog catalog = new ProviderCatalog(ProviderCatalogTest.REGISTERED, Optional.empty());

        assertThat(catalog.all()).allSatisfy(p -> assertThat(p.allowed()).isTrue());
        assertThat(catalog.allowList()).isEmpty();
    }

    @Test
    void still_lists_blocked_providers_but_marks_them() {
        ProviderCatalog catalog = allowing("openai,anthropic");

        assertThat(catalog.all()).hasSize(ProviderCatalogTest.CATALOG.all().size());
        assertThat(catalog.all()).filteredOn(ProviderInfo::allowed).extracting(ProviderInfo::id)
                .containsExactlyInAnyOrder("openai", "anthropic");
        assertThat(catalog.find("groq")).hasValueSatisfying(p -> {
            assertThat(p.allowed()).isFalse();
            assertThat(p.usable()).isFalse();
        });
    }

    @Test
    void refuses_a_blocked_provider_with_mlflows_message() {
        ProviderCatalog catalog = allowing("openai");

        assertThatThrownBy(() -> catalog.requireUsable("groq"))
                .isInstanceOf(GatewayException.InvalidRequest.class)
                .hasMessage("Provider 'groq' is not allowed by the current gateway provider policy.");
        assertThat(catalog.requireUsable("openai").id()).isEqualTo("openai");
    }

    @Test
    void reports_the_policy_before_invocability() {
        assertThatThrownBy(() -> allowing("openai").requireUsable("bedrock"))
                .hasMessage("Provider 'bedrock' is not allowed by the current gateway provider policy.");
    }

    @Test
    void applies_the_list_to_aliases_both_ways() {
        ProviderCatalog catalog = new ProviderCatalog(Set.of("bedrock"), ProviderCatalog.parseAllowList("bedrock_converse"));

        assertThat(catalog.allowList()).contains(Set.of("bedrock"));
        assertThat(catalog.requireUsable("bedrock").id()).isEqualTo("bedrock");
        assertThat(catalog.requireUsable("bedrock_converse").id()).isEqualTo("bedrock");
    }

    @Test
    void an_unknown_name_in_the_list_allows_nothing_more() {
        ProviderCatalog catalog = allowing("openai,not_a_provider");

        assertThat(catalog.all()).filteredOn(ProviderInfo::allowed).extracting(ProviderInfo::id).containsExactly("openai");
    }
}
