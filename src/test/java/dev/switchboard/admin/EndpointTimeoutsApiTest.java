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
import org.junit.jupiter.params.provider.ValueSource;

/** An endpoint's {@code timeouts} through {@code endpoints/*}: absent by default, set, kept across a restart, refused. */
class EndpointTimeoutsApiTest {

    @TempDir
    Path dir;

    private static JsonNode timeouts(TestGateway gw, String id) {
        return ok(gw.api("GET", "endpoints/get?endpoint_id=" + id)).json().at("/endpoint/timeouts");
    }

    @Test
    void an_endpoint_keeps_its_timeouts_and_total_across_a_restart() {
        String id;
        try (TestGateway gw = TestGateway.start(dir)) {
            id = endpoint(gw, unique("chat"), definition(gw));
            assertThat(timeouts(gw, id).isMissingNode() || timeouts(gw, id).isNull()).isTrue();
            ok(gw.api("POST", "endpoints/update", """
                    {"endpoint_id": "%s", "timeouts": {"first_byte_ms": 30000, "total_ms": 90000}}""".formatted(id)));
        }
        try (TestGateway gw = TestGateway.start(dir)) {
            assertThat(timeouts(gw, id).toString()).isEqualTo("{\"first_byte_ms\":30000,\"total_ms\":90000}");
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, 3_600_001})
    void refuses_a_total_out_of_range_and_keeps_the_stored_one(long total) {
        try (TestGateway gw = TestGateway.start(dir)) {
            String id = endpoint(gw, unique("chat"), definition(gw));
            ok(gw.api("POST", "endpoints/update", """
                    {"endpoint_id": "%s", "timeouts": {"total_ms": 5000}}""".formatted(id)));

            assertError(gw.api("POST", "endpoints/update", """
                    {"endpoint_id": "%s", "timeouts": {"total_ms": %d}}""".formatted(id, total)), 400,
                    "INVALID_PARAMETER_VALUE").contains("timeouts.total_ms must be from 1 to 3600000 milliseconds; got "
                    + total);

            assertThat(timeouts(gw, id).get("total_ms").asLong()).isEqualTo(5000);
        }
    }
}
