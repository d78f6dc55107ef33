package dev.switchboard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.wire.openai.OpenAiChatFormat;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(400), Duration.ofSeconds(2));
    private final Random random = new Random(7);

    private static GatewayException.Upstream answered(int status, Map<String, String> headers) {
        return new GatewayException.Upstream(status, "failed", OpenAiChatFormat.INSTANCE, new byte[0],
                "application/json", headers);
    }

    @Test
    void tries_again_only_what_may_pass_by_itself() {
        for (int status : new int[] {408, 429, 500, 502, 503, 504, 520, 529}) {
            assertThat(policy.delayBefore(1, answered(status, Map.of()), random)).as("HTTP " + status).isPresent();
        }
        for (int status : new int[] {400, 401, 403, 404, 409, 413, 422, 501, 505}) {
            assertThat(policy.delayBefore(1, answered(status, Map.of()), random)).as("HTTP " + status).isEmpty();
        }
        assertThat(policy.delayBefore(1, new GatewayException.UpstreamUnavailable("Connection refused", null), random))
                .isPresent();
        assertThat(policy.delayBefore(1, new GatewayException.UpstreamTimeout("Timed out"), random)).isPresent();
        assertThat(policy.delayBefore(1, new GatewayException.NoUsableTarget("no key"), random)).isEmpty();
    }

    @Test
    void waits_grow_exponentially_within_the_upper_half_and_stop_at_the_cap() {
        GatewayException failure = answered(503, Map.of());
        for (int i = 0; i < 200; i++) {
            assertThat(policy.delayBefore(1, failure, random).orElseThrow().toMillis()).isBetween(200L, 400L);
            assertThat(policy.delayBefore(2, failure, random).orElseThrow().toMillis()).isBetween(400L, 800L);
            assertThat(policy.delayBefore(3, failure, random).orElseThrow().toMillis()).isBetween(800L, 1600L);
        }
        RetryPolicy many = new RetryPolicy(10, Duration.ofMillis(400), Duration.ofSeconds(2));
        assertThat(many.delayBefore(10, failure, random).orElseThrow().toMillis()).isBetween(1000L, 2000L);
    }

    @Test
    void retries_are_used_up_after_max_retries_and_none_by_default() {
        GatewayException failure = answered(503, Map.of());
        assertThat(policy.delayBefore(4, failure, random)).isEmpty();
        assertThat(RetryPolicy.NONE.delayBefore(1, failure, random)).isEmpty();
    }

    @Test
    void the_providers_retry_after_is_waited_for_exactly_if_the_endpoint_allows_it() {
        assertThat(policy.delayBefore(1, answered(429, Map.of("retry-after", "1")), random))
                .hasValue(Duration.ofSeconds(1));
        assertThat(policy.delayBefore(1, answered(429, Map.of("retry-after-ms", "1500.2", "retry-after", "9")), random))
                .hasValue(Duration.ofMillis(1501));
        assertThat(policy.delayBefore(1, answered(429, Map.of("retry-after", "3")), random))
                .as("longer than max_backoff: move on").isEmpty();
        String inASecond = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(1).format(DateTimeFormatter.RFC_1123_DATE_TIME);
        assertThat(policy.delayBefore(1, answered(503, Map.of("retry-after", inASecond)), random).orElseThrow())
                .isBetween(Duration.ZERO, Duration.ofSeconds(1));
        assertThat(policy.delayBefore(1, answered(503, Map.of("retry-after", "soon")), random).orElseThrow()
                .toMillis()).as("unreadable: the backoff").isBetween(200L, 400L);
    }

    @Test
    void refuses_settings_out_of_range() {
        assertThatThrownBy(() -> new RetryPolicy(11, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new RetryPolicy(1, Duration.ZERO, Duration.ZERO).delayBefore(1, answered(500, Map.of()), random))
                .hasValue(Duration.ZERO);
    }
}
