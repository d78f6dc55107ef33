package dev.switchboard.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
 * Three replicas on one PostgreSQL serving one endpoint with a limit of requests per minute, as fast
 * as 12 clients can call, within one clock minute: the calls served stay within 1 % over the limit
 * (the issue asks for 5 %), and every replica refuses once it is reached. The provider saw exactly the
 * calls served.
 */
class RateLimitReplicasTest {

    private static final int LIMIT = 2000;
    private static final int CLIENTS_PER_REPLICA = 4;

    @TempDir
    Path dir;

    @Test
    void three_replicas_at_full_speed_serve_the_limit_within_one_percent() throws Exception {
        assumeTrue(TestDatabase.postgresql(), "replicas share a PostgreSQL database");
        List<TestGateway> replicas = new ArrayList<>();
        try (FakeUpstream provider = FakeUpstream.start()) {
            provider.setDefault(Reply.json(OpenAiBodies.chatCompletion("gpt-4o-mini", "hi", 10, 5)));
            for (int i = 0; i < 3; i++) {
                replicas.add(TestGateway.start(dir));
            }
            TestGateway first = replicas.getFirst();
            String endpoint = first.endpoint("gpt", first.openAiDefinition("gpt", provider.baseUrl(), "gpt-4o-mini"));
            first.api("POST", "rate-limits/create", """
                    {"endpoint_id": "%s", "queries_per_minute": %d}""".formatted(endpoint, LIMIT));
            for (TestGateway replica : replicas) { // each replica has read the limit before the load starts
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (replica.api("GET", "rate-limits/list").json().at("/rate_limits/0/current_minute").isMissingNode()
                        && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
            }

            // One clock minute holds the whole load: right after the turn of a minute the sliding minute
            // gives back room by design (RateLimitsTest), which would blur the count this test checks.
            long intoMinute = System.currentTimeMillis() % 60_000;
            if (intoMinute > 35_000) {
                Thread.sleep(60_000 - intoMinute + 100);
            }
            long minute = System.currentTimeMillis() / 60_000;
            int served = FullSpeed.callUntilRefused(replicas, CLIENTS_PER_REPLICA, refused ->
                    assertThat(refused.headers().firstValue("x-ratelimit-limit-requests"))
                            .hasValue(Integer.toString(LIMIT)));
            System.out.printf("rate limit of %d a minute: %d served by 3 replicas (%+.2f %%)%n", LIMIT, served,
                    100.0 * (served - LIMIT) / LIMIT);

            assertThat(System.currentTimeMillis() / 60_000).as("the load ran within one clock minute").isEqualTo(minute);
            assertThat(provider.requestCount()).as("the provider saw the calls served").isEqualTo(served);
            assertThat((double) served).as("calls served against a limit of %s", LIMIT)
                    .isBetween(LIMIT * 0.95, LIMIT * 1.01);
            for (TestGateway replica : replicas) {
                assertThat(replica.sendRaw("POST", "/gateway/openai/v1/chat/completions", FullSpeed.CHAT).statusCode())
                        .isEqualTo(429);
            }
        } finally {
            replicas.forEach(TestGateway::close);
        }
    }
}
