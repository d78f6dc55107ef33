package dev.switchboard.provider.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.Credentials;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Operation;
import dev.switchboard.provider.Target;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AzureOpenAiDialectTest {

    private final AzureOpenAiDialect azure = new AzureOpenAiDialect();

    private static Target target(Map<String, Object> settings) {
        return new Target("d-1", "azure-def", "azure", "gpt-4o-prod",
                Optional.of(new Credentials(Map.of("api_key", "azure-key-123"))), settings, Optional.empty());
    }

    @Test
    void calls_the_deployment_url_with_the_api_version() {
        var target = target(Map.of("api_base", "https://my-resource.openai.azure.com/", "api_version", "2025-01-01"));

        assertThat(azure.uri(target, Operation.CHAT_COMPLETIONS)).hasToString(
                "https://my-resource.openai.azure.com/openai/deployments/gpt-4o-prod/chat/completions"
                        + "?api-version=2025-01-01");
        assertThat(azure.uri(target, Operation.EMBEDDINGS).getPath()).endsWith("/deployments/gpt-4o-prod/embeddings");
    }

    @Test
    void calls_responses_on_the_v1_api_where_the_body_names_the_deployment() {
        var target = target(Map.of("api_base", "https://my-resource.openai.azure.com/", "api_version", "2025-01-01"));

        assertThat(azure.uri(target, Operation.RESPONSES)).hasToString(
                "https://my-resource.openai.azure.com/openai/v1/responses");
    }

    @Test
    void uses_the_default_api_version_when_none_is_set() {
        assertThat(azure.uri(target(Map.of("api_base", "https://r.openai.azure.com")), Operation.CHAT_COMPLETIONS)
                .getQuery()).isEqualTo("api-version=" + AzureOpenAiDialect.DEFAULT_API_VERSION);
    }

    @Test
    void sends_the_key_in_the_api_key_header_or_as_an_azure_ad_bearer_token() {
        assertThat(azure.headers(target(Map.of()))).containsExactly(Map.entry("api-key", "azure-key-123"));
        assertThat(azure.headers(target(Map.of("api_type", "azuread"))))
                .containsExactly(Map.entry("Authorization", "Bearer azure-key-123"));
    }

    @Test
    void says_clearly_what_is_missing() {
        assertThatThrownBy(() -> azure.uri(target(Map.of()), Operation.CHAT_COMPLETIONS))
                .isInstanceOf(GatewayException.NoUsableTarget.class).hasMessageContaining("api_base");
        assertThatThrownBy(() -> azure.headers(target(Map.of("auth_mode", "service_principal"))))
                .hasMessageContaining("not supported yet");
    }
}
