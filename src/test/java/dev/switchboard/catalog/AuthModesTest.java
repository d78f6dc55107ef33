package dev.switchboard.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.GatewayException;
import dev.switchboard.provider.azure.AzureOpenAiDialect;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The auth modes each provider offers (MLflow's {@code provider-config}) and the secret validator built on them. */
class AuthModesTest {

    private static final ProviderCatalog CATALOG = ProviderCatalogTest.CATALOG;

    private static ProviderInfo provider(String id) {
        return CATALOG.find(id).orElseThrow();
    }

    private static List<String> names(List<AuthField> fields) {
        return fields.stream().map(AuthField::name).toList();
    }

    private static List<String> required(List<AuthField> fields) {
        return fields.stream().filter(AuthField::required).map(AuthField::name).toList();
    }

    @Test
    void bedrock_offers_an_api_key_access_keys_and_an_iam_role() {
        ProviderInfo bedrock = provider("bedrock");

        assertThat(bedrock.authModes()).extracting(AuthMode::mode).containsExactly("api_key", "access_keys", "iam_role");
        assertThat(bedrock.defaultMode()).isEqualTo("api_key");
        assertThat(required(bedrock.authMode("api_key").orElseThrow().secretFields())).containsExactly("api_key");
        AuthMode keys = bedrock.authMode("access_keys").orElseThrow();
        assertThat(required(keys.secretFields())).containsExactly("aws_access_key_id", "aws_secret_access_key");
        assertThat(names(keys.configFields())).containsExactly("aws_region_name");
        AuthMode role = bedrock.authMode("iam_role").orElseThrow();
        assertThat(required(role.secretFields())).containsExactly("aws_access_key_id", "aws_secret_access_key");
        assertThat(names(role.configFields())).containsExactly("aws_role_name", "aws_session_name", "aws_region_name");
        assertThat(required(role.configFields())).containsExactly("aws_role_name");
    }

    @Test
    void azure_offers_an_api_key_and_a_service_principal() {
        ProviderInfo azure = provider("azure");

        assertThat(azure.authModes()).extracting(AuthMode::mode).containsExactly("api_key", "service_principal");
        assertThat(azure.defaultMode()).isEqualTo("api_key");
        AuthMode key = azure.authMode("api_key").orElseThrow();
        assertThat(names(key.secretFields())).containsExactly("api_key");
        assertThat(required(key.configFields())).containsExactly("api_base");
        AuthMode principal = azure.authMode("service_principal").orElseThrow();
        assertThat(names(principal.secretFields())).containsExactly("client_secret");
        assertThat(required(principal.configFields())).containsExactly("api_base", "client_id", "tenant_id");
    }

    @Test
    void azures_api_version_defaults_to_the_one_the_gateway_sends() {
        AuthField version = provider("azure").defaultAuthMode().configFields().stream()
                .filter(f -> f.name().equals("api_version")).findFirst().orElseThrow();

        assertThat(version.required()).isFalse();
        assertThat(version.defaultValue()).contains(AzureOpenAiDialect.DEFAULT_API_VERSION);
    }

    @Test
    void vertex_ai_takes_a_service_account_json_with_a_default_location() {
        ProviderInfo vertex = provider("vertex_ai");

        assertThat(vertex.authModes()).extracting(AuthMode::mode).containsExactly("service_account_json");
        AuthMode mode = vertex.defaultAuthMode();
        assertThat(names(mode.secretFields())).containsExactly("vertex_credentials");
        assertThat(names(mode.configFields())).containsExactly("vertex_project", "vertex_location");
        assertThat(mode.configFields().get(1).defaultValue()).contains("us-central1");
    }

    @Test
    void databricks_offers_a_token_and_oauth_m2m_both_needing_the_workspace_url() {
        ProviderInfo databricks = provider("databricks");

        assertThat(databricks.authModes()).extracting(AuthMode::mode).containsExactly("pat_token", "oauth_m2m");
        assertThat(databricks.defaultMode()).isEqualTo("pat_token");
        assertThat(names(databricks.defaultAuthMode().secretFields())).containsExactly("api_key");
        assertThat(required(databricks.defaultAuthMode().configFields())).containsExactly("api_base");
        AuthMode oauth = databricks.authMode("oauth_m2m").orElseThrow();
        assertThat(names(oauth.secretFields())).containsExactly("client_secret");
        assertThat(required(oauth.configFields())).containsExactly("api_base", "client_id");
    }

    @Test
    void sagemaker_defaults_to_access_keys_and_always_needs_a_region() {
        ProviderInfo sagemaker = provider("sagemaker");

        assertThat(sagemaker.authModes()).extracting(AuthMode::mode).containsExactly("access_keys", "iam_role");
        assertThat(sagemaker.defaultMode()).isEqualTo("access_keys");
        assertThat(required(sagemaker.defaultAuthMode().configFields())).containsExactly("aws_region_name");
        assertThat(required(sagemaker.authMode("iam_role").orElseThrow().configFields()))
                .containsExactly("aws_role_name", "aws_region_name");
    }

    @Test
    void any_other_provider_has_one_api_key_mode_with_an_optional_base_url() {
        ProviderInfo groq = provider("groq");

        assertThat(groq.authModes()).hasSize(1);
        AuthMode mode = groq.defaultAuthMode();
        assertThat(mode.mode()).isEqualTo("api_key");
        assertThat(mode.displayName()).isEqualTo("Groq API Key");
        assertThat(mode.secretFields()).containsExactly(
                AuthField.string("api_key", "Groq API key", true, Optional.empty()));
        assertThat(mode.configFields()).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("api_base");
            assertThat(f.type()).isEqualTo("string");
            assertThat(f.required()).isFalse();
            assertThat(f.defaultValue()).contains("https://api.groq.com/openai/v1");
        });
    }

    @Test
    void local_servers_need_no_key_and_base_url_less_compatible_providers_need_an_api_base() {
        assertThat(required(provider("ollama").defaultAuthMode().secretFields())).isEmpty();
        assertThat(required(provider("hosted_vllm").defaultAuthMode().configFields())).containsExactly("api_base");
        assertThat(required(provider("custom").defaultAuthMode().secretFields())).isEmpty();
        assertThat(required(provider("custom").defaultAuthMode().configFields())).containsExactly("api_base");
        assertThat(required(provider("azure_ai").defaultAuthMode().configFields())).containsExactly("api_base");
    }

    // --- validateSecret

    @Test
    void accepts_an_api_key_for_the_default_mode() {
        assertThat(CATALOG.validateSecret("openai", Map.of("api_key", "sk-abc"), Map.of())).isEqualTo("openai");
        assertThat(CATALOG.validateSecret("ollama", Map.of("unused", "x"), Map.of())).isEqualTo("ollama");
    }

    @Test
    void refuses_a_missing_required_secret_field_without_echoing_values() {
        assertThatThrownBy(() -> CATALOG.validateSecret("openai", Map.of("token", "sk-very-secret-1234"), Map.of()))
                .isInstanceOf(GatewayException.InvalidRequest.class)
                .hasMessage("Provider 'openai' with auth mode 'api_key' requires secret_value field(s) api_key")
                .hasMessageNotContaining("sk-very-secret-1234");
    }

    @Test
    void counts_a_blank_field_as_missing() {
        assertThatThrownBy(() -> CATALOG.validateSecret("groq", Map.of("api_key", "  "), Map.of()))
                .hasMessageContaining("requires secret_value field(s) api_key");
        assertThatThrownBy(() -> CATALOG.validateSecret("databricks", Map.of("api_key", "dapi1"),
                Map.of("api_base", "")))
                .hasMessage("Provider 'databricks' with auth mode 'pat_token' requires auth_config field(s) api_base");
    }

    @Test
    void checks_the_mode_named_in_auth_config() {
        Map<String, String> keys = Map.of("aws_access_key_id", "AKIA1", "aws_secret_access_key", "shh");

        assertThat(CATALOG.validateSecret("bedrock", keys, Map.of("auth_mode", "access_keys",
                "aws_region_name", "us-east-1"))).isEqualTo("bedrock");
        assertThatThrownBy(() -> CATALOG.validateSecret("bedrock", keys, Map.of()))
                .hasMessage("Provider 'bedrock' with auth mode 'api_key' requires secret_value field(s) api_key");
        assertThatThrownBy(() -> CATALOG.validateSecret("bedrock", Map.of("aws_access_key_id", "AKIA1"),
                Map.of("auth_mode", "iam_role")))
                .hasMessage("Provider 'bedrock' with auth mode 'iam_role' requires secret_value field(s)"
                        + " aws_secret_access_key and auth_config field(s) aws_role_name");
    }

    @Test
    void refuses_an_auth_mode_the_provider_does_not_have() {
        assertThatThrownBy(() -> CATALOG.validateSecret("azure", Map.of("api_key", "k"),
                Map.of("auth_mode", "access_keys", "api_base", "https://x.openai.azure.com")))
                .isInstanceOf(GatewayException.InvalidRequest.class)
                .hasMessage("Unknown auth_mode 'access_keys' for provider 'azure'; expected one of: api_key,"
                        + " service_principal");
        assertThatThrownBy(() -> CATALOG.validateSecret("azure", Map.of("api_key", "k"), Map.of("auth_mode", 3L)))
                .hasMessageContaining("'auth_config.auth_mode': expected a string");
    }

    @Test
    void validates_secrets_of_aliases_and_returns_the_canonical_id() {
        assertThat(CATALOG.validateSecret("vertex_ai-language-models", Map.of("vertex_credentials", "{}"), Map.of()))
                .isEqualTo("vertex_ai");
    }

    @Test
    void refuses_a_secret_for_an_unknown_provider_but_not_for_one_not_yet_invocable() {
        assertThatThrownBy(() -> CATALOG.validateSecret("nope", Map.of("api_key", "k"), Map.of()))
                .hasMessageContaining("Unknown provider 'nope'");
        assertThat(CATALOG.validateSecret("cohere", Map.of("api_key", "k"), Map.of())).isEqualTo("cohere");
    }

    @Test
    void checks_only_auth_config_when_the_value_is_kept() {
        assertThat(CATALOG.validateAuthConfig("azure", Map.of("api_base", "https://x.openai.azure.com")))
                .isEqualTo("azure");
        assertThatThrownBy(() -> CATALOG.validateAuthConfig("azure", Map.of("auth_mode", "service_principal",
                "api_base", "https://x.openai.azure.com")))
                .hasMessage("Provider 'azure' with auth mode 'service_principal' requires auth_config field(s)"
                        + " client_id, tenant_id");
    }
}
