package dev.switchboard.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.TestGateway;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Reply;
import dev.switchboard.testing.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three replicas on one PostgreSQL spending against one REJECT budget as fast as 12 clients can
 * call: the spend stops within 1 % over the amount, and every replica refuses once it is reached.
 * What goes over is bounded by the calls running at once (each saw the spend just under the amount,
 * two per client at most: one answered, its cost being added, and the next one), here 24 calls of a
 * budget of 3,000: 0.8 %.
 */
class BudgetReplicasTest {

    /** One call: 1,000 prompt and 500 completion tokens of gpt-4o-mini at the catalog's prices. */
    private static final double CALL = 1000 * 1.5e-7 + 500 * 6e-7;
    private static final int CALLS_IN_BUDGET = 3000;
    private static final int CLIENTS_PER_REPLICA = 4;

    @TempDir
    Path dir;

    @Test
    void three_replicas_at_full_speed_stop_within_one_percent_of_the_amount() throws Exception {
        assumeTrue(TestDatabase.postgresql(), "replicas share a PostgreSQL database");
        List<TestGateway> replicas = new ArrayList<>();
        try (FakeUpstream provider = FakeUpstream.start()) {
            provider.setDefault(Reply.json(OpenAiBodies.chatCompletion("gpt-4o-mini", "hi", 1000, 500)));
            for (int i = 0; i < 3; i++) {
                replicas.add(TestGateway.start(dir));
            }
            TestGateway first = replicas.getFirst();
            first.endpoint("gpt", first.openAiDefinition("gpt", provider.baseUrl(), "gpt-4o-mini"));
            double amount = CALLS_IN_BUDGET * CALL;
            String id = first.api("POST", "budgets/create", """
                    {"budget_amount": %s, "duration": {"unit": "DAYS", "value": 1}, "target_scope": "GLOBAL",
                     "budget_action": "REJECT"}""".formatted(amount)).text("/budget_policy/budget_policy_id");

            int served = FullSpeed.callUntilRefused(replicas, CLIENTS_PER_REPLICA, refused -> { });
            Thread.sleep(300); // the last flushes
            JsonNode window = first.api("GET", "budgets/windows?budget_policy_id=" + id).json().get("windows").get(0);
            double spent = window.get("current_spend").asDouble();
            System.out.printf("budget of %d calls: %d served by 3 replicas, spend %.6f of %.6f USD (%+.3f %%)%n",
                    CALLS_IN_BUDGET, served, spent, amount, 100 * (spent - amount) / amount);

            assertThat(spent).as("what the calls served cost").isCloseTo(served * CALL,
                    org.assertj.core.data.Offset.offset(CALL / 2));
            assertThat(spent).as("the amount was reached").isGreaterThanOrEqualTo(amount);
            assertThat((spent - amount) / amount).as("overshoot: %s calls over %s", served - CALLS_IN_BUDGET,
                    CALLS_IN_BUDGET).isLessThanOrEqualTo(0.01);
            for (TestGateway replica : replicas) {
                assertThat(replica.sendRaw("POST", "/gateway/openai/v1/chat/completions", FullSpeed.CHAT).statusCode())
                        .isEqualTo(429);
            }
        } finally {
            replicas.forEach(TestGateway::close);
        }
    }
}
