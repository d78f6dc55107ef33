package dev.switchboard.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.TestGateway;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The discovery routes, the provider allow-list and the api_base guard, through the running server. */
class DiscoveryAndGuardsApiTest {

    @TempDir
    Path dir;

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    @Test
    void lists_over_a_hundred_providers_common_ones_first() {
        try (TestGateway gw = TestGateway.start(dir)) {
            List<String> providers = texts(gw.api("GET", "supported-providers").json().get("providers"));

            assertThat(providers).hasSizeGreaterThanOrEqualTo(100);
            assertThat(providers.subList(0, 7))
                    .containsExactly("openai", "anthropic", "databricks", "bedrock", "gemini", "vertex_ai", "xai");
        }
    }

    @Test
    void lists_models_with_mlflows_fields_filtered_by_provider_and_search() {
        try (TestGateway gw = TestGateway.start(dir)) {
            JsonNode models = gw.api("GET", "supported-models?provider=anthropic").json().get("models");

            assertThat(models).isNotEmpty();
            models.forEach(m -> assertThat(m.get("provider").asText()).isEqualTo("anthropic"));
            JsonNode first = models.get(0);
            for (String field : List.of("model", "provider", "mode", "supports_function_calling", "supports_vision",
                    "supports_reasoning", "supports_prompt_caching", "supports_response_schema")) {
                assertThat(first.has(field)).as(field).isTrue();
            }
            JsonNode search = gw.api("GET", "supported-models?search=EMBEDDING").json().get("models");
            assertThat(search).isNotEmpty();
            search.forEach(m -> assertThat(m.get("model").asText().toLowerCase()).contains("embedding"));
        }
    }

    @Test
    void describes_auth_modes_and_validates_secrets_against_them() {
        try (TestGateway gw = TestGateway.start(dir)) {
            JsonNode bedrock = gw.api("GET", "provider-config?provider=bedrock").json();
            assertThat(bedrock.get("default_mode").asText()).isEqualTo("api_key");
            assertThat(bedrock.get("auth_modes").findValuesAsText("mode"))
                    .contains("api_key", "access_keys", "iam_role");
            assertThat(gw.api("GET", "provider-config?provider=nope").status()).isEqualTo(404);

            var missing = gw.api("POST", "secrets/create", """
                    {"secret_name": "aws", "provider": "bedrock", "auth_config": {"auth_mode": "access_keys"},
                     "secret_value": {"aws_access_key_id": "AKIAEXAMPLE0001"}}""");
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.text("/message")).contains("aws_secret_access_key").doesNotContain("AKIAEXAMPLE0001");
        }
    }

    @Test
    void refuses_a_provider_outside_the_allow_list_with_mlflows_message() {
        try (TestGateway gw = TestGateway.start(dir, Map.of("SWITCHBOARD_KEK_PASSPHRASE", TestGateway.PASSPHRASE,
                "SWITCHBOARD_ALLOWED_PROVIDERS", "openai,anthropic"))) {
            String secret = gw.api("POST", "secrets/create", """
                    {"secret_name": "g", "provider": "groq", "secret_value": {"api_key": "gsk-0123456789"}}""")
                    .text("/secret/secret_id");

            var refused = gw.api("POST", "model-definitions/create", """
                    {"name": "llama", "secret_id": "%s", "provider": "groq", "model_name": "llama-3.3-70b"}"""
                    .formatted(secret));

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.text("/message"))
                    .isEqualTo("Provider 'groq' is not allowed by the current gateway provider policy.");
        }
    }

    @Test
    void refuses_unsafe_api_bases_when_they_are_saved() {
        try (TestGateway gw = TestGateway.start(dir, Map.of("SWITCHBOARD_KEK_PASSPHRASE", TestGateway.PASSPHRASE,
                "SWITCHBOARD_ALLOW_PRIVATE_API_BASE", "false"))) {
            for (String apiBase : List.of("http://93.184.216.34/v1", "https://user:hunter2@93.184.216.34/v1",
                    "https://127.0.0.1/v1", "https://10.1.2.3/v1", "https://169.254.169.254/latest",
                    "https://[::1]/v1", "https://[::ffff:10.0.0.1]/v1", "https://2130706433/v1", "https://localhost/v1")) {
                var response = gw.api("POST", "secrets/create", """
                        {"secret_name": "s-%d", "provider": "custom", "secret_value": {"api_key": "sk-0123456789"},
                         "auth_config": {"api_base": "%s"}}""".formatted(apiBase.hashCode(), apiBase));

                assertThat(response.status()).as(apiBase).isEqualTo(400);
                assertThat(response.body()).as(apiBase).doesNotContain("hunter2");
            }
            assertThat(gw.api("GET", "secrets/list").json().get("secrets")).isEmpty();
        }
    }
}
