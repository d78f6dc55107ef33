package dev.switchboard.admin;

import static dev.switchboard.admin.AdminFixtures.assertError;
import static dev.switchboard.admin.AdminFixtures.definition;
import static dev.switchboard.admin.AdminFixtures.endpoint;
import static dev.switchboard.admin.AdminFixtures.ok;
import static dev.switchboard.admin.AdminFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.TestGateway;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An endpoint's {@code retry_config} through {@code endpoints/*}: defaults, create, update, refusals, restarts. */
class EndpointRetriesApiTest {

    @TempDir
    Path dir;

    private static JsonNode retryConfig(TestGateway gw, String id) {
        return ok(gw.api("GET", "endpoints/get?endpoint_id=" + id)).json()
                .at("/endpoint/retry_config");
    }

    @Test
    void an_endpoint_retries_nothing_by_default_and_keeps_what_it_was_given_across_a_restart() {
        String id;
        try (TestGateway gw = TestGateway.start(dir)) {
            id = endpoint(gw, unique("chat"), definition(gw));
            assertThat(retryConfig(gw, id).toString())
                    .isEqualTo("{\"max_retries\":0,\"initial_backoff_ms\":500,\"max_backoff_ms\":10000}");

            ok(gw.api("POST", "endpoints/update", """
                    {"endpoint_id": "%s", "retry_config": {"max_retries": 3, "initial_backoff_ms": 250,
                     "max_backoff_ms": 4000}}""".formatted(id)));
            // An update that does not mention retry_config keeps it.
            ok(gw.api("POST", "endpoints/update", "{\"endpoint_id\": \"" + id + "\", \"name\": \"renamed-chat\"}"));
        }
        try (TestGateway gw = TestGateway.start(dir)) {
            assertThat(retryConfig(gw, id).toString())
                    .isEqualTo("{\"max_retries\":3,\"initial_backoff_ms\":250,\"max_backoff_ms\":4000}");
            // A retry_config given replaces the whole policy: the fields left out take their defaults.
            ok(gw.api("POST", "endpoints/update", """
                    {"endpoint_id": "%s", "retry_config": {"max_retries": 1}}""".formatted(id)));
            assertThat(retryConfig(gw, id).toString())
                    .isEqualTo("{\"max_retries\":1,\"initial_backoff_ms\":500,\"max_backoff_ms\":10000}");
        }
    }

    @Test
    void create_takes_a_retry_config() {
        try (TestGateway gw = TestGateway.start(dir)) {
            JsonNode created = ok(gw.api("POST", "endpoints/create", """
                    {"name": "%s", "model_configs": [{"model_definition_id": "%s"}],
                     "retry_config": {"max_retries": 2, "initial_backoff_ms": 0, "max_backoff_ms": 0}}"""
                    .formatted(unique("chat"), definition(gw)))).json();
            assertThat(created.at("/endpoint/retry_config").toString())
                    .isEqualTo("{\"max_retries\":2,\"initial_backoff_ms\":0,\"max_backoff_ms\":0}");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"max_retries\": 11}|retry_config.max_retries must be from 0 to 10; got 11",
        "{\"max_retries\": -1}|retry_config.max_retries must be from 0 to 10; got -1",
        "{\"initial_backoff_ms\": -5}|retry_config.initial_backoff_ms must be from 0 to 300000 milliseconds; got -5",
        "{\"initial_backoff_ms\": 2000, \"max_backoff_ms\": 1000}|retry_config.max_backoff_ms must be from "
                + "initial_backoff_ms (2000) to 300000 milliseconds; got 1000",
        "{\"max_backoff_ms\": 300001}|retry_config.max_backoff_ms must be from initial_backoff_ms (500) to 300000 "
                + "milliseconds; got 300001",
        "{\"max_retries\": \"many\"}|max_retries",
    })
    void refuses_a_retry_config_out_of_range_and_keeps_the_stored_one(String config, String message) {
        try (TestGateway gw = TestGateway.start(dir)) {
            String id = endpoint(gw, unique("chat"), definition(gw));
            ok(gw.api("POST", "endpoints/update", """
                    {"endpoint_id": "%s", "retry_config": {"max_retries": 2}}""".formatted(id)));

            assertError(gw.api("POST", "endpoints/update", """
                    {"endpoint_id": "%s", "retry_config": %s}""".formatted(id, config)), 400,
                    "INVALID_PARAMETER_VALUE").contains(message);

            assertThat(retryConfig(gw, id).get("max_retries").asInt()).isEqualTo(2);
        }
    }
}
