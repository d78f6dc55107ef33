package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which Host headers the gateway answers to, by listen address and {@code SWITCHBOARD_ALLOWED_HOSTS}. */
class HostPolicyTest {

    private static HostPolicy policy(String listenHost, String setting) {
        return HostPolicy.fromEnv(listenHost, setting.isEmpty() ? Map.of() : Map.of(HostPolicy.ENV, setting));
    }

    private static boolean allows(HostPolicy policy, String host) {
        return policy.refusal(Optional.of(host)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"localhost", "localhost:5000", "LOCALHOST:1", "127.0.0.1", "127.0.0.1:8080", "[::1]",
            "[::1]:5000"})
    void loopback_names_are_allowed_on_any_port_by_default(String host) {
        assertThat(allows(policy("127.0.0.1", ""), host)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"attacker.example", "attacker.example:5000", "localhost.attacker.example",
            "127.0.0.1.nip.io", "10.0.0.5:5000", "localhost:99999", "localhost:", "local host", "[::1", "a@b"})
    void any_other_host_is_refused_when_listening_on_loopback(String host) {
        assertThat(allows(policy("127.0.0.1", ""), host)).isFalse();
    }

    @Test
    void the_listen_host_is_allowed_too() {
        HostPolicy policy = policy("gw.internal", "");

        assertThat(allows(policy, "gw.internal:5000")).isTrue();
        assertThat(allows(policy, "localhost")).isTrue();
        assertThat(allows(policy, "other.internal")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0.0.0.0", "::", "[::]"})
    void listening_on_every_interface_allows_any_ip_address_but_no_other_name(String listenHost) {
        HostPolicy policy = policy(listenHost, "");

        assertThat(allows(policy, "192.168.1.20:5000")).isTrue();
        assertThat(allows(policy, "[fe80::1]:5000")).isTrue();
        assertThat(allows(policy, "localhost:5000")).isTrue();
        assertThat(allows(policy, "0.0.0.0:5000")).isTrue();
        assertThat(allows(policy, "gw.example.com")).isFalse();
        assertThat(allows(policy, "1.2.3.4.attacker.example")).isFalse();
        assertThat(policy.describe()).isEqualTo("localhost, 127.0.0.1, [::1] and any IP address");
    }

    @Test
    void an_ip_address_is_not_allowed_when_listening_on_one_address() {
        assertThat(allows(policy("127.0.0.1", ""), "192.168.1.20")).isFalse();
    }

    @Test
    void configured_names_add_to_the_defaults_and_a_configured_port_must_match() {
        HostPolicy policy = policy("127.0.0.1", " gw.example.com , Other.Example:8443, ::2 ");

        assertThat(allows(policy, "gw.example.com")).isTrue();
        assertThat(allows(policy, "GW.example.com:5000")).isTrue();
        assertThat(allows(policy, "other.example:8443")).isTrue();
        assertThat(allows(policy, "other.example:9000")).isFalse();
        assertThat(allows(policy, "other.example")).isFalse();
        assertThat(allows(policy, "[::2]:80")).isTrue();
        assertThat(allows(policy, "localhost:5000")).isTrue();
        assertThat(allows(policy, "attacker.example")).isFalse();
    }

    @Test
    void an_allowed_host_seen_before_lets_no_other_through() {
        HostPolicy policy = policy("127.0.0.1", "");

        assertThat(allows(policy, "localhost:5000")).isTrue();
        assertThat(allows(policy, "localhost:5000")).isTrue();
        assertThat(allows(policy, "attacker.example:5000")).isFalse();
        assertThat(allows(policy, "localhost:5000")).isTrue();
    }

    @Test
    void a_star_allows_any_host_even_none() {
        HostPolicy policy = policy("127.0.0.1", "*");

        assertThat(allows(policy, "attacker.example:5000")).isTrue();
        assertThat(policy.refusal(Optional.empty())).isEmpty();
        assertThat(policy.describe()).isEqualTo("any host");
    }

    @Test
    void a_refusal_names_the_host_and_the_setting_to_change() {
        assertThat(policy("127.0.0.1", "").refusal(Optional.of("attacker.example:5000")))
                .hasValueSatisfying(message -> assertThat(message)
                        .contains("'attacker.example:5000'", "localhost, 127.0.0.1, [::1]", "SWITCHBOARD_ALLOWED_HOSTS"));
        assertThat(policy("127.0.0.1", "").refusal(Optional.empty()))
                .hasValueSatisfying(message -> assertThat(message).contains("no Host header"));
    }

    @Test
    void a_setting_that_is_not_a_host_stops_the_start() {
        assertThatThrownBy(() -> policy("127.0.0.1", "https://gw.example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SWITCHBOARD_ALLOWED_HOSTS").hasMessageContaining("'https://gw.example.com'");
    }
}
