package dev.switchboard.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {

    private final AccessFixture.Clock clock = new AccessFixture.Clock();
    private final SignInThrottle throttle = new SignInThrottle(clock, Duration.ofMinutes(15), 3, 5, 4);

    @Test
    void a_name_from_one_address_is_locked_after_n_failures_until_the_oldest_leaves_the_window() {
        throttle.failed("alice", "10.0.0.1");
        clock.advance(Duration.ofMinutes(1));
        throttle.failed("alice", "10.0.0.1");
        assertThat(throttle.blockedFor("alice", "10.0.0.1")).isEmpty();
        throttle.failed("alice", "10.0.0.1");

        assertThat(throttle.blockedFor("alice", "10.0.0.1")).hasValue(14 * 60);
        assertThat(throttle.blockedFor("alice", "10.0.0.2")).as("the user, from elsewhere").isEmpty();
        assertThat(throttle.blockedFor("bob", "10.0.0.1")).isEmpty();
        clock.advance(Duration.ofMinutes(14).minusMillis(1));
        assertThat(throttle.blockedFor("alice", "10.0.0.1")).hasValue(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(throttle.blockedFor("alice", "10.0.0.1")).isEmpty();
    }

    @Test
    void a_name_is_locked_everywhere_only_after_more_failures_from_anywhere() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("alice", "10.0.0." + i);
        }
        assertThat(throttle.blockedFor("alice", "10.0.0.9")).isEmpty();
        throttle.failed("alice", "10.0.0.3");

        assertThat(throttle.blockedFor("alice", "10.0.0.9")).isPresent();
    }

    @Test
    void an_address_is_locked_after_n_failures_whatever_the_names() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("user" + i, "10.0.0.1");
        }

        assertThat(throttle.blockedFor("someone-new", "10.0.0.1")).isPresent();
        assertThat(throttle.blockedFor("someone-new", "10.0.0.2")).isEmpty();
        assertThat(throttle.blockedFor("user0", "10.0.0.2")).isEmpty();
    }

    @Test
    void a_success_clears_the_users_failures_but_not_the_addresss() {
        throttle.failed("alice", "10.0.0.1");
        throttle.failed("alice", "10.0.0.1");
        throttle.succeeded("alice", "10.0.0.1");
        throttle.failed("alice", "10.0.0.1");
        throttle.failed("alice", "10.0.0.1");
        assertThat(throttle.blockedFor("alice", "10.0.0.2")).isEmpty();

        throttle.failed("bob", "10.0.0.1");
        assertThat(throttle.blockedFor("carol", "10.0.0.1")).isPresent();
    }

    @Test
    void failures_older_than_the_window_are_forgotten() {
        throttle.failed("alice", "10.0.0.1");
        throttle.failed("alice", "10.0.0.1");
        clock.advance(Duration.ofMinutes(15));
        throttle.failed("alice", "10.0.0.1");

        assertThat(throttle.blockedFor("alice", "10.0.0.1")).isEmpty();
    }
}
