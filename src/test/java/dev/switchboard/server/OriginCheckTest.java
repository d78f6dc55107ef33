package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which web pages may change the gateway: its own, and the origins of {@code SWITCHBOARD_CORS_ORIGINS}. */
class OriginCheckTest {

    private static final CorsPolicy NONE = CorsPolicy.fromEnv(Map.of());

    private static boolean allowed(String method, String origin, String host, CorsPolicy cors) {
        return OriginCheck.refusal(method, Optional.of(origin), Optional.of(host), cors).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"POST", "PUT", "PATCH", "DELETE"})
    void a_change_from_another_origin_is_refused(String method) {
        assertThat(allowed(method, "https://attacker.example", "127.0.0.1:5000", NONE)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET", "HEAD", "OPTIONS"})
    void reads_are_not_checked_since_without_cors_the_page_cannot_see_the_answer(String method) {
        assertThat(allowed(method, "https://attacker.example", "127.0.0.1:5000", NONE)).isTrue();
    }

    @Test
    void a_request_without_origin_passes_as_sdks_and_curl_send_none() {
        assertThat(OriginCheck.refusal("POST", Optional.empty(), Optional.of("127.0.0.1:5000"), NONE)).isEmpty();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
            "http://127.0.0.1:5000, 127.0.0.1:5000",
            "http://LOCALHOST:5000, localhost:5000",
            "http://[::1]:5000, [::1]:5000",
            "http://gw.example.com, gw.example.com",
            "http://gw.example.com, gw.example.com:80",
            "https://gw.example.com, gw.example.com",
            "https://gw.example.com:8443, gw.example.com:8443"})
    void the_gateways_own_pages_may_change_it(String origin, String host) {
        assertThat(allowed("POST", origin, host, NONE)).isTrue();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
            "http://127.0.0.1:5001, 127.0.0.1:5000",
            "http://localhost:5000, 127.0.0.1:5000",
            "https://gw.example.com, gw.example.com:8443",
            "http://gw.example.com.attacker.example, gw.example.com",
            "null, 127.0.0.1:5000",
            "http://127.0.0.1:5000/ui, 127.0.0.1:5000",
            "file://, 127.0.0.1:5000"})
    void another_port_host_or_an_opaque_origin_is_not_the_gateway(String origin, String host) {
        assertThat(allowed("POST", origin, host, NONE)).isFalse();
    }

    @Test
    void a_configured_origin_may_change_the_gateway_and_others_still_may_not() {
        CorsPolicy cors = CorsPolicy.fromEnv(Map.of(CorsPolicy.ENV, "https://app.example.com, http://localhost:3000/"));

        assertThat(allowed("POST", "https://app.example.com", "127.0.0.1:5000", cors)).isTrue();
        assertThat(allowed("DELETE", "https://app.example.com:443", "127.0.0.1:5000", cors)).isTrue();
        assertThat(allowed("POST", "http://localhost:3000", "127.0.0.1:5000", cors)).isTrue();
        assertThat(allowed("POST", "http://app.example.com", "127.0.0.1:5000", cors)).isFalse();
        assertThat(allowed("POST", "https://attacker.example", "127.0.0.1:5000", cors)).isFalse();
    }

    @Test
    void a_star_lets_every_origin_change_the_gateway() {
        CorsPolicy cors = CorsPolicy.fromEnv(Map.of(CorsPolicy.ENV, "*"));

        assertThat(allowed("POST", "https://anyone.example", "127.0.0.1:5000", cors)).isTrue();
        assertThat(allowed("POST", "null", "127.0.0.1:5000", cors)).isTrue();
    }

    @Test
    void a_refusal_names_the_origin_and_the_setting() {
        assertThat(OriginCheck.refusal("POST", Optional.of("https://attacker.example"), Optional.of("localhost"), NONE))
                .hasValueSatisfying(message -> assertThat(message)
                        .contains("'https://attacker.example'", "POST", "SWITCHBOARD_CORS_ORIGINS"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"app.example.com", "https://app.example.com/path", "ftp://app.example.com", "null",
            "https://user@app.example.com"})
    void a_configured_entry_that_is_not_an_origin_stops_the_start(String entry) {
        assertThatThrownBy(() -> CorsPolicy.fromEnv(Map.of(CorsPolicy.ENV, "https://ok.example, " + entry)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SWITCHBOARD_CORS_ORIGINS").hasMessageContaining("'" + entry + "'");
    }
}
