package dev.switchboard.admin;

import static dev.switchboard.admin.AdminFixtures.assertError;
import static dev.switchboard.admin.AdminFixtures.definition;
import static dev.switchboard.admin.AdminFixtures.endpoint;
import static dev.switchboard.admin.AdminFixtures.json;
import static dev.switchboard.admin.AdminFixtures.ok;
import static dev.switchboard.admin.AdminFixtures.unique;
import static dev.switchboard.admin.EndpointsApiTest.definitionsOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.TestGateway;
import dev.switchboard.TestGateway.Response;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An endpoint's model mappings over HTTP: PRIMARY traffic splits, FALLBACK chains and their
 * limits, and {@code endpoints/models/attach} and {@code detach}.
 */
class EndpointMappingsApiTest {

    @TempDir
    static Path dir;
    static TestGateway gw;

    @BeforeAll
    static void start() {
        gw = TestGateway.start(dir);
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void refuses_an_endpoint_without_model_configs() {
        assertError(create("{\"name\": \"%s\"}".formatted(unique("empty"))), 400, "INVALID_PARAMETER_VALUE")
                .isEqualTo("Endpoint must have at least one model configuration");
        assertError(create("{\"name\": \"%s\", \"model_configs\": []}".formatted(unique("empty"))), 400,
                "INVALID_PARAMETER_VALUE").isEqualTo("Endpoint must have at least one model configuration");
        String id = endpoint(gw, unique("to-empty"), definition(gw));
        assertError(gw.api("POST", "endpoints/update", """
                {"endpoint_id": "%s", "model_configs": []}""".formatted(id)), 400, "INVALID_PARAMETER_VALUE")
                .isEqualTo("Endpoint must have at least one model configuration");
    }

    @Test
    void refuses_an_endpoint_with_only_fallback_models() {
        assertError(create(unique("no-primary"), "{\"model_definition_id\": \"%s\", \"linkage_type\": \"FALLBACK\"}"
                .formatted(definition(gw))), 400, "INVALID_PARAMETER_VALUE").contains("at least one PRIMARY");
    }

    @Test
    void answers_404_naming_the_model_definitions_that_do_not_exist() {
        String missing = "d-0123456789abcdef0123456789abcdef";

        assertError(create(unique("ghost"), "{\"model_definition_id\": \"%s\"}".formatted(missing)), 404,
                "RESOURCE_DOES_NOT_EXIST").isEqualTo("Model definitions not found: " + missing);
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource({"70, 30", "0.7, 0.3", "50, 50", "0.25, 0.75", "1, 99"})
    void accepts_a_traffic_split_as_percentages_or_as_fractions(String first, String second) {
        Response created = create(unique("split"), primary(definition(gw), first), primary(definition(gw), second));

        JsonNode mappings = ok(created).json().at("/endpoint/model_mappings");
        assertThat(mappings).hasSize(2);
        assertThat(mappings.findValuesAsText("linkage_type")).containsOnly("PRIMARY");
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', value = {
            "60   | 50   | [60, 50]",
            "0    | 100  | [0, 100]",
            "33.5 | 66.5 | [33.5, 66.5]",
            "1.0  | 1.0  | [1, 1]",
            "-30  | 130  | [-30, 130]"})
    void refuses_a_traffic_split_that_is_not_100_percent(String first, String second, String shown) {
        Response created = create(unique("bad-split"), primary(definition(gw), first), primary(definition(gw), second));

        assertError(created, 400, "INVALID_PARAMETER_VALUE").contains("weights " + shown);
    }

    @Test
    void orders_fallbacks_and_puts_those_without_an_order_after_the_highest() {
        String unordered = definition(gw);
        String third = definition(gw);
        String first = definition(gw);

        JsonNode endpoint = ok(create(unique("chain"), primary(definition(gw), "1"),
                fallback(unordered, null), fallback(third, 5), fallback(first, 2))).json().get("endpoint");

        assertThat(fallbackOrders(endpoint)).containsExactly(first + "@2", third + "@5", unordered + "@6");
    }

    @Test
    void returns_a_split_in_the_order_it_was_written_on_create_update_and_read() {
        List<String> defs = List.of(definition(gw), definition(gw), definition(gw), definition(gw));
        String name = unique("ordered");
        Response created = create(name, primary(defs.get(0), "10"), primary(defs.get(1), "20"),
                primary(defs.get(2), "30"), primary(defs.get(3), "40"));
        assertThat(definitionsOf(ok(created).json().get("endpoint")))
                .containsExactlyElementsOf(defs.stream().map(d -> d + "/PRIMARY").toList());

        String id = created.text("/endpoint/endpoint_id");
        List<String> reversed = defs.reversed();
        ok(gw.api("POST", "endpoints/update", """
                {"endpoint_id": "%s", "model_configs": [
                  {"model_definition_id": "%s", "linkage_type": "PRIMARY", "weight": 40},
                  {"model_definition_id": "%s", "linkage_type": "PRIMARY", "weight": 30},
                  {"model_definition_id": "%s", "linkage_type": "PRIMARY", "weight": 20},
                  {"model_definition_id": "%s", "linkage_type": "PRIMARY", "weight": 10}]}
                """.formatted(id, reversed.get(0), reversed.get(1), reversed.get(2), reversed.get(3))));
        for (int i = 0; i < 5; i++) {
            assertThat(definitionsOf(ok(gw.api("GET", "endpoints/get?name=" + name)).json().get("endpoint")))
                    .containsExactlyElementsOf(reversed.stream().map(d -> d + "/PRIMARY").toList());
        }
    }

    @Test
    void refuses_two_fallbacks_with_the_same_order() {
        assertError(create(unique("same-order"), primary(definition(gw), "1"),
                fallback(definition(gw), 1), fallback(definition(gw), 1)), 400, "INVALID_PARAMETER_VALUE")
                .contains("fallback_order 1");
    }

    @ParameterizedTest(name = "max_attempts {0}")
    @ValueSource(strings = {"0", "1", "2", "absent", "no fallback_config"})
    void accepts_max_attempts_up_to_the_number_of_fallbacks(String maxAttempts) {
        String config = switch (maxAttempts) {
            case "absent" -> ", \"fallback_config\": {\"strategy\": \"SEQUENTIAL\"}";
            case "no fallback_config" -> "";
            default -> ", \"fallback_config\": {\"strategy\": \"SEQUENTIAL\", \"max_attempts\": " + maxAttempts + "}";
        };

        JsonNode endpoint = ok(gw.api("POST", "endpoints/create", """
                {"name": "%s", "model_configs": [%s, %s, %s]%s}
                """.formatted(unique("attempts"), primary(definition(gw), "1"), fallback(definition(gw), 0),
                fallback(definition(gw), 1), config))).json().get("endpoint");

        int expected = maxAttempts.equals("1") ? 1 : 2;
        assertThat(endpoint.get("fallback_config")).isEqualTo(
                json("{\"strategy\": \"SEQUENTIAL\", \"max_attempts\": " + expected + "}"));
    }

    @Test
    void refuses_more_attempts_than_fallbacks() {
        Response created = gw.api("POST", "endpoints/create", """
                {"name": "%s", "model_configs": [%s, %s, %s], "fallback_config": {"max_attempts": 3}}
                """.formatted(unique("too-many"), primary(definition(gw), "1"), fallback(definition(gw), 0),
                fallback(definition(gw), 1)));

        assertError(created, 400, "INVALID_PARAMETER_VALUE").contains("max_attempts").contains("(2)");
    }

    @Test
    void attaches_a_fallback_and_shows_it_on_the_endpoint() {
        String primary = definition(gw);
        String extra = definition(gw);
        String id = endpoint(gw, unique("attach"), primary);

        JsonNode mapping = ok(attach(id, extra, "FALLBACK")).json().get("mapping");

        assertThat(mapping.get("mapping_id").asText()).matches("m-[0-9a-f]{32}");
        assertThat(mapping.get("endpoint_id").asText()).isEqualTo(id);
        assertThat(mapping.get("model_definition_id").asText()).isEqualTo(extra);
        assertThat(mapping.get("linkage_type").asText()).isEqualTo("FALLBACK");
        assertThat(mapping.get("fallback_order").asInt()).isZero();
        JsonNode endpoint = ok(gw.api("GET", "endpoints/get?endpoint_id=" + id)).json().get("endpoint");
        assertThat(definitionsOf(endpoint)).containsExactly(primary + "/PRIMARY", extra + "/FALLBACK");
        assertThat(endpoint.at("/model_mappings/1")).isEqualTo(mapping);
        assertThat(endpoint.get("fallback_config"))
                .isEqualTo(json("{\"strategy\": \"SEQUENTIAL\", \"max_attempts\": 1}"));
    }

    @Test
    void attaches_a_second_fallback_after_the_first() {
        String id = endpoint(gw, unique("attach2"), definition(gw));
        ok(attach(id, definition(gw), "FALLBACK"));

        JsonNode second = ok(attach(id, definition(gw), "FALLBACK")).json().get("mapping");

        assertThat(second.get("fallback_order").asInt()).isEqualTo(1);
    }

    @Test
    void refuses_to_attach_the_same_definition_with_the_same_linkage_twice() {
        String extra = definition(gw);
        String id = endpoint(gw, unique("twice"), definition(gw));
        ok(attach(id, extra, "FALLBACK"));

        assertError(attach(id, extra, "FALLBACK"), 400, "RESOURCE_ALREADY_EXISTS").contains(extra);
    }

    @Test
    void detaches_a_fallback() {
        String primary = definition(gw);
        String extra = definition(gw);
        String id = endpoint(gw, unique("detach"), primary);
        ok(attach(id, extra, "FALLBACK"));

        assertThat(ok(detach(id, extra)).json()).isEqualTo(json("{}"));

        JsonNode endpoint = ok(gw.api("GET", "endpoints/get?endpoint_id=" + id)).json().get("endpoint");
        assertThat(definitionsOf(endpoint)).containsExactly(primary + "/PRIMARY");
        assertThat(endpoint.has("fallback_config")).isFalse();
    }

    @Test
    void detaches_the_only_fallback_even_when_max_attempts_was_set() {
        String primary = definition(gw);
        String extra = definition(gw);
        String id = ok(gw.api("POST", "endpoints/create", """
                {"name": "%s", "model_configs": [%s, %s], "fallback_config": {"max_attempts": 1}}
                """.formatted(unique("set-max"), primary(primary, "1"), fallback(extra, 0))))
                .text("/endpoint/endpoint_id");

        ok(detach(id, extra));

        JsonNode endpoint = ok(gw.api("GET", "endpoints/get?endpoint_id=" + id)).json().get("endpoint");
        assertThat(definitionsOf(endpoint)).containsExactly(primary + "/PRIMARY");
    }

    @Test
    void lowers_max_attempts_to_the_fallbacks_that_remain_after_a_detach() {
        String extra = definition(gw);
        String id = ok(gw.api("POST", "endpoints/create", """
                {"name": "%s", "model_configs": [%s, %s, %s], "fallback_config": {"max_attempts": 2}}
                """.formatted(unique("shrink"), primary(definition(gw), "1"), fallback(definition(gw), 0),
                fallback(extra, 1)))).text("/endpoint/endpoint_id");

        ok(detach(id, extra));

        assertThat(ok(gw.api("GET", "endpoints/get?endpoint_id=" + id)).json().at("/endpoint/fallback_config"))
                .isEqualTo(json("{\"strategy\": \"SEQUENTIAL\", \"max_attempts\": 1}"));
    }

    @Test
    void refuses_to_detach_the_last_primary_model() {
        String primary = definition(gw);
        String id = endpoint(gw, unique("last"), primary);
        ok(attach(id, definition(gw), "FALLBACK"));

        assertError(detach(id, primary), 400, "INVALID_STATE").contains("last PRIMARY");
        assertThat(definitionsOf(ok(gw.api("GET", "endpoints/get?endpoint_id=" + id)).json().get("endpoint")))
                .hasSize(2);
    }

    @Test
    void answers_404_when_detaching_a_definition_that_is_not_attached() {
        String id = endpoint(gw, unique("not-there"), definition(gw));
        String stranger = definition(gw);

        assertError(detach(id, stranger), 404, "RESOURCE_DOES_NOT_EXIST").contains(stranger);
    }

    private static Response create(String body) {
        return gw.api("POST", "endpoints/create", body);
    }

    private static Response create(String name, String... modelConfigs) {
        return create("{\"name\": \"%s\", \"model_configs\": [%s]}".formatted(name, String.join(", ", modelConfigs)));
    }

    private static String primary(String definitionId, String weight) {
        return "{\"model_definition_id\": \"%s\", \"linkage_type\": \"PRIMARY\", \"weight\": %s}"
                .formatted(definitionId, weight);
    }

    private static String fallback(String definitionId, Integer order) {
        return order == null
                ? "{\"model_definition_id\": \"%s\", \"linkage_type\": \"FALLBACK\"}".formatted(definitionId)
                : "{\"model_definition_id\": \"%s\", \"linkage_type\": \"FALLBACK\", \"fallback_order\": %d}"
                        .formatted(definitionId, order);
    }

    private static Response attach(String endpointId, String definitionId, String linkage) {
        return gw.api("POST", "endpoints/models/attach", """
                {"endpoint_id": "%s", "model_config": {"model_definition_id": "%s", "linkage_type": "%s"}}
                """.formatted(endpointId, definitionId, linkage));
    }

    private static Response detach(String endpointId, String definitionId) {
        return gw.api("POST", "endpoints/models/detach", """
                {"endpoint_id": "%s", "model_definition_id": "%s"}
                """.formatted(endpointId, definitionId));
    }

    /** "definition-id@order" for each FALLBACK mapping, in the order the API returns them. */
    private static List<String> fallbackOrders(JsonNode endpoint) {
        return StreamSupport.stream(endpoint.get("model_mappings").spliterator(), false)
                .filter(m -> m.get("linkage_type").asText().equals("FALLBACK"))
                .map(m -> m.get("model_definition_id").asText() + "@" + m.get("fallback_order").asInt()).toList();
    }
}
