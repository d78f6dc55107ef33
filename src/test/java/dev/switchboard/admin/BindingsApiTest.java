package dev.switchboard.admin;

import static dev.switchboard.admin.AdminFixtures.assertError;
import static dev.switchboard.admin.AdminFixtures.definition;
import static dev.switchboard.admin.AdminFixtures.endpoint;
import static dev.switchboard.admin.AdminFixtures.json;
import static dev.switchboard.admin.AdminFixtures.ok;
import static dev.switchboard.admin.AdminFixtures.unique;
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

/** {@code endpoints/bindings/*} over HTTP: which resources (e.g. LLM-judge scorers) use which endpoints. */
class BindingsApiTest {

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
    void creates_a_binding_and_lists_it() {
        String endpointId = endpoint(gw, unique("judged"), definition(gw));
        String scorer = unique("scorer");

        JsonNode binding = ok(gw.api("POST", "endpoints/bindings/create", """
                {"endpoint_id": "%s", "resource_type": "scorer", "resource_id": "%s",
                 "display_name": "Relevance judge", "created_by": "alice"}
                """.formatted(endpointId, scorer))).json().get("binding");

        assertThat(binding.get("endpoint_id").asText()).isEqualTo(endpointId);
        assertThat(binding.get("resource_type").asText()).isEqualTo("scorer");
        assertThat(binding.get("resource_id").asText()).isEqualTo(scorer);
        assertThat(binding.get("display_name").asText()).isEqualTo("Relevance judge");
        assertThat(binding.get("created_by").asText()).isEqualTo("alice");
        assertThat(binding.get("created_at").asLong()).isPositive();
        assertThat(ok(gw.api("GET", "endpoints/bindings/list?endpoint_id=" + endpointId)).json().get("bindings"))
                .containsExactly(binding);
    }

    @Test
    void filters_the_list_by_endpoint_resource_type_and_resource_id() {
        String type = unique("type");
        String first = endpoint(gw, unique("first"), definition(gw));
        String second = endpoint(gw, unique("second"), definition(gw));
        String shared = unique("res");
        bind(first, type, shared);
        bind(second, type, shared);
        bind(first, "scorer", unique("res"));

        assertThat(keys("endpoint_id=" + first)).hasSize(2).allMatch(k -> k.startsWith(first));
        assertThat(keys("resource_type=" + type)).containsExactlyInAnyOrder(first + "/" + type + "/" + shared,
                second + "/" + type + "/" + shared);
        assertThat(keys("resource_id=" + shared)).hasSize(2).allMatch(k -> k.endsWith("/" + shared));
        assertThat(keys("endpoint_id=" + second + "&resource_type=" + type + "&resource_id=" + shared))
                .containsExactly(second + "/" + type + "/" + shared);
        assertThat(keys("")).contains(first + "/" + type + "/" + shared, second + "/" + type + "/" + shared);
    }

    @Test
    void refuses_the_same_binding_twice() {
        String endpointId = endpoint(gw, unique("dup"), definition(gw));
        String scorer = unique("scorer");
        bind(endpointId, "scorer", scorer);

        assertError(gw.api("POST", "endpoints/bindings/create", """
                {"endpoint_id": "%s", "resource_type": "scorer", "resource_id": "%s"}
                """.formatted(endpointId, scorer)), 400, "RESOURCE_ALREADY_EXISTS").contains(scorer);
    }

    @Test
    void deletes_a_binding_named_in_a_json_body() {
        String endpointId = endpoint(gw, unique("unbind"), definition(gw));
        String scorer = unique("scorer");
        String kept = unique("kept");
        bind(endpointId, "scorer", scorer);
        bind(endpointId, "scorer", kept);

        Response deleted = gw.api("DELETE", "endpoints/bindings/delete", """
                {"endpoint_id": "%s", "resource_type": "scorer", "resource_id": "%s"}
                """.formatted(endpointId, scorer));

        assertThat(ok(deleted).json()).isEqualTo(json("{}"));
        assertThat(keys("endpoint_id=" + endpointId)).containsExactly(endpointId + "/scorer/" + kept);
    }

    @Test
    void answers_404_when_deleting_a_binding_that_does_not_exist() {
        String endpointId = endpoint(gw, unique("nobind"), definition(gw));

        assertError(gw.api("DELETE", "endpoints/bindings/delete", """
                {"endpoint_id": "%s", "resource_type": "scorer", "resource_id": "never-bound"}
                """.formatted(endpointId)), 404, "RESOURCE_DOES_NOT_EXIST").contains("never-bound");
    }

    @Test
    void answers_404_when_binding_to_an_unknown_endpoint() {
        String unknown = "e-00000000000000000000000000000000";

        assertError(gw.api("POST", "endpoints/bindings/create", """
                {"endpoint_id": "%s", "resource_type": "scorer", "resource_id": "%s"}
                """.formatted(unknown, unique("scorer"))), 404, "RESOURCE_DOES_NOT_EXIST").contains(unknown);
        assertThat(keys("endpoint_id=" + unknown)).isEmpty();
    }

    @Test
    void requires_endpoint_resource_type_and_resource_id() {
        String endpointId = endpoint(gw, unique("partial"), definition(gw));

        assertError(gw.api("POST", "endpoints/bindings/create", "{\"endpoint_id\": \"" + endpointId + "\", "
                + "\"resource_id\": \"x\"}"), 400, "INVALID_PARAMETER_VALUE").contains("'resource_type'");
        assertError(gw.api("POST", "endpoints/bindings/create", "{\"endpoint_id\": \"" + endpointId + "\", "
                + "\"resource_type\": \"scorer\"}"), 400, "INVALID_PARAMETER_VALUE").contains("'resource_id'");
        assertError(gw.api("DELETE", "endpoints/bindings/delete", "{\"resource_type\": \"scorer\", "
                + "\"resource_id\": \"x\"}"), 400, "INVALID_PARAMETER_VALUE").contains("'endpoint_id'");
    }

    private static void bind(String endpointId, String type, String resourceId) {
        ok(gw.api("POST", "endpoints/bindings/create", """
                {"endpoint_id": "%s", "resource_type": "%s", "resource_id": "%s"}
                """.formatted(endpointId, type, resourceId)));
    }

    /** "endpoint/type/resource" for each binding the filtered list returns, in its order. */
    private static List<String> keys(String query) {
        JsonNode list = ok(gw.api("GET", "endpoints/bindings/list" + (query.isEmpty() ? "" : "?" + query))).json();
        return StreamSupport.stream(list.get("bindings").spliterator(), false)
                .map(b -> b.get("endpoint_id").asText() + "/" + b.get("resource_type").asText() + "/"
                        + b.get("resource_id").asText())
                .toList();
    }
}
