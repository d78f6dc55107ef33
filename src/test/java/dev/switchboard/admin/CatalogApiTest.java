package dev.switchboard.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.catalog.ProviderCatalog;
import dev.switchboard.core.GatewayException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code supported-providers} and {@code provider-config}, called through their routes. */
class CatalogApiTest {

    private static final Set<String> INVOCABLE = Set.of("openai", "anthropic", "gemini", "azure", "groq", "custom");

    private static final CatalogApi API = new CatalogApi(new ProviderCatalog(INVOCABLE, Optional.empty()));

    private static JsonNode call(CatalogApi api, String path, Map<String, List<String>> query) {
        AdminRoute route = api.routes().stream().filter(r -> r.path().equals(path)).findFirst().orElseThrow();
        assertThat(route.method()).isEqualTo("GET");
        try {
            return AdminJson.MAPPER.readTree(route.invoke(AdminRequest.of(query, new byte[0])));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode providerConfig(String provider) {
        return call(API, "provider-config", Map.of("provider", List.of(provider)));
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(field.isEmpty() ? node.asText() : node.get(field).asText()));
        return values;
    }

    @Test
    void lists_provider_ids_common_ones_first() {
        JsonNode body = call(API, "supported-providers", Map.of());

        List<String> ids = texts(body.get("providers"), "");
        assertThat(ids).hasSizeGreaterThanOrEqualTo(100).doesNotHaveDuplicates();
        assertThat(ids.subList(0, 7))
                .containsExactly("openai", "anthropic", "databricks", "bedrock", "gemini", "vertex_ai", "xai");
    }

    @Test
    void details_each_provider_in_the_same_order_with_its_flags() {
        JsonNode body = call(API, "supported-providers", Map.of());

        JsonNode details = body.get("provider_details");
        assertThat(texts(details, "id")).isEqualTo(texts(body.get("providers"), ""));
        JsonNode bedrock = details.get(3);
        assertThat(bedrock.get("id").asText()).isEqualTo("bedrock");
        assertThat(bedrock.get("display_name").asText()).isEqualTo("Amazon Bedrock");
        assertThat(bedrock.get("invocable").asBoolean()).isFalse();
        assertThat(bedrock.get("allowed").asBoolean()).isTrue();
        assertThat(bedrock.get("docs_url").asText()).startsWith("https://docs.aws.amazon.com/");
        assertThat(details.get(0).get("invocable").asBoolean()).isTrue();
    }

    @Test
    void says_why_a_provider_cannot_be_called() {
        JsonNode details = call(API, "supported-providers", Map.of()).get("provider_details");

        JsonNode bedrock = details.get(3);
        assertThat(bedrock.get("not_callable_reason").asText())
                .isEqualTo("needs the Bedrock Converse API and AWS SigV4 signing: not built yet");
        assertThat(details.get(0).has("not_callable_reason")).as("openai is callable").isFalse();
        JsonNode mistral = null;
        for (JsonNode d : details) {
            if (d.get("id").asText().equals("mistral")) {
                mistral = d;
            }
        }
        assertThat(mistral).isNotNull();
        assertThat(mistral.get("invocable").asBoolean()).as("callable in the table, not registered here").isFalse();
        assertThat(mistral.get("not_callable_reason").asText()).isEqualTo("this gateway registered no provider for it");
    }

    @Test
    void marks_providers_outside_the_allow_list_as_not_allowed_but_lists_them() {
        CatalogApi api = new CatalogApi(new ProviderCatalog(INVOCABLE, ProviderCatalog.parseAllowList("anthropic")));

        JsonNode details = call(api, "supported-providers", Map.of()).get("provider_details");

        List<String> allowed = new ArrayList<>();
        details.forEach(d -> {
            if (d.get("allowed").asBoolean()) {
                allowed.add(d.get("id").asText());
            }
        });
        assertThat(allowed).containsExactly("anthropic");
        assertThat(details.size()).isGreaterThanOrEqualTo(100);
    }

    @Test
    void describes_bedrocks_auth_modes_in_mlflows_shape() {
        JsonNode body = providerConfig("bedrock");

        assertThat(body.get("default_mode").asText()).isEqualTo("api_key");
        assertThat(texts(body.get("auth_modes"), "mode")).containsExactly("api_key", "access_keys", "iam_role");
        JsonNode role = body.get("auth_modes").get(2);
        assertThat(role.get("display_name").asText()).isNotBlank();
        assertThat(role.get("description").asText()).isNotBlank();
        assertThat(texts(role.get("secret_fields"), "name")).startsWith("aws_access_key_id", "aws_secret_access_key");
        JsonNode roleName = role.get("config_fields").get(0);
        assertThat(roleName.get("name").asText()).isEqualTo("aws_role_name");
        assertThat(roleName.get("type").asText()).isEqualTo("string");
        assertThat(roleName.get("required").asBoolean()).isTrue();
        assertThat(roleName.get("description").asText()).isNotBlank();
        assertThat(roleName.has("default")).isFalse();
    }

    @Test
    void includes_a_fields_default_when_it_has_one() {
        JsonNode location = providerConfig("vertex_ai").get("auth_modes").get(0).get("config_fields").get(1);

        assertThat(location.get("name").asText()).isEqualTo("vertex_location");
        assertThat(location.get("default").asText()).isEqualTo("us-central1");
        assertThat(location.get("required").asBoolean()).isFalse();
    }

    @Test
    void marks_the_config_fields_that_decide_where_the_key_is_sent() {
        JsonNode azure = providerConfig("azure").get("auth_modes").get(0);
        JsonNode bedrockKeys = providerConfig("bedrock").get("auth_modes").get(1);

        assertThat(azure.get("config_fields").findValues("key_destination")).hasSize(1);
        assertThat(azure.get("config_fields").get(0).get("name").asText()).isEqualTo("api_base");
        assertThat(azure.get("config_fields").get(0).get("key_destination").asBoolean()).isTrue();
        assertThat(bedrockKeys.get("config_fields").get(0).get("key_destination").asBoolean()).isTrue();
        assertThat(azure.get("secret_fields").findValues("key_destination")).isEmpty();
    }

    @Test
    void gives_any_other_provider_one_api_key_mode() {
        JsonNode body = providerConfig("together_ai");

        assertThat(body.get("default_mode").asText()).isEqualTo("api_key");
        assertThat(body.get("auth_modes")).hasSize(1);
        JsonNode mode = body.get("auth_modes").get(0);
        assertThat(mode.get("display_name").asText()).isEqualTo("Together AI API Key");
        assertThat(texts(mode.get("secret_fields"), "name")).containsExactly("api_key");
        assertThat(mode.get("secret_fields").get(0).get("required").asBoolean()).isTrue();
        assertThat(texts(mode.get("config_fields"), "name")).containsExactly("api_base");
        assertThat(mode.get("config_fields").get(0).get("required").asBoolean()).isFalse();
    }

    @Test
    void resolves_an_alias() {
        assertThat(providerConfig("bedrock_converse")).isEqualTo(providerConfig("bedrock"));
    }

    @Test
    void answers_404_for_an_unknown_provider() {
        assertThatThrownBy(() -> providerConfig("nope"))
                .isInstanceOfSatisfying(GatewayException.NotFound.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
                })
                .hasMessageContaining("'nope'");
    }

    @Test
    void answers_400_when_the_provider_is_missing_or_empty() {
        assertThatThrownBy(() -> call(API, "provider-config", Map.of()))
                .isInstanceOfSatisfying(GatewayException.InvalidRequest.class,
                        e -> assertThat(e.status()).isEqualTo(400))
                .hasMessage("Missing value for required parameter 'provider'");
        assertThatThrownBy(() -> providerConfig(""))
                .isInstanceOf(GatewayException.InvalidRequest.class);
    }
}
