package dev.switchboard.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every rule of the api_base SSRF guard, with names answered by an in-memory resolver (no network). */
class ApiBasePolicyTest {

    private static final Map<String, List<String>> DNS = Map.of(
            "api.example.com", List.of("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"),
            "internal.example.com", List.of("10.1.2.3"),
            "mixed.example.com", List.of("93.184.215.14", "192.168.0.10"),
            "metadata.example.com", List.of("169.254.169.254"),
            "v6only.example.com", List.of("fd00:ec2::254"));

    private final ApiBasePolicy strict = new ApiBasePolicy(Set.of("https"), false, ApiBasePolicyTest::lookup);

    // --- what passes ---

    @ParameterizedTest
    @ValueSource(strings = {"https://api.example.com/v1", "HTTPS://api.example.com:8443/v1/", "https://8.8.8.8/v1",
        "https://[2606:4700:4700::1111]/v1", "https://api.example.com/v1?api-version=2024-10-21"})
    void accepts_public_https_urls(String url) {
        assertThatCode(() -> strict.checkUrl(url)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1", "11.0.0.1",
        "192.169.0.1", "198.17.255.255", "198.20.0.1", "126.255.255.255", "128.0.0.1", "169.253.255.255",
        "223.255.255.254", "1.1.1.1"})
    void accepts_public_ipv4_addresses_next_to_refused_ranges(String ip) {
        assertThatCode(() -> strict.checkUrl("https://" + ip + "/")).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2606:4700:4700::1111", "2a00:1450:4001::200e", "64:ff9b::808:808", "2002:808:808::1",
        "2001:200::1"})
    void accepts_public_ipv6_addresses_including_nat64_and_6to4_of_public_ipv4(String ip) {
        assertThatCode(() -> strict.checkUrl("https://[" + ip + "]/")).doesNotThrowAnyException();
    }

    // --- scheme ---

    @Test
    void refuses_http_by_default_and_names_the_variable_that_allows_it() {
        refused(strict, "http://api.example.com/v1")
                .hasMessageContaining("scheme 'http'")
                .hasMessageContaining("SWITCHBOARD_API_BASE_ALLOWED_SCHEMES=http,https");
    }

    @Test
    void allows_http_when_the_environment_widens_the_schemes() {
        ApiBasePolicy policy = ApiBasePolicy.fromEnv(Map.of("SWITCHBOARD_API_BASE_ALLOWED_SCHEMES", " HTTP , https "));
        assertThat(policy.allowedSchemes()).containsExactlyInAnyOrder("http", "https");
        assertThat(policy.privateAllowed()).isFalse();
        assertThatCode(() -> policy.checkUrl("http://8.8.8.8/v1")).doesNotThrowAnyException();
        refused(policy, "http://127.0.0.1:8080/v1").hasMessageContaining("loopback");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://api.example.com/", "file:///etc/passwd", "gopher://api.example.com/",
        "ws://api.example.com/"})
    void refuses_other_schemes(String url) {
        refused(ApiBasePolicy.permissive(), url).hasMessageContaining("scheme");
    }

    @Test
    void refuses_unsupported_schemes_in_the_environment() {
        assertThatThrownBy(() -> ApiBasePolicy.fromEnv(Map.of("SWITCHBOARD_API_BASE_ALLOWED_SCHEMES", "https,file")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SWITCHBOARD_API_BASE_ALLOWED_SCHEMES");
    }

    @ParameterizedTest
    @ValueSource(strings = {"api.example.com/v1", "/v1/chat", "mailto:ops@example.com", "https:///v1", "https://",
        "https://exa mple.com/", "https://:443/v1"})
    void refuses_urls_that_are_not_absolute_or_have_no_host(String url) {
        refused(ApiBasePolicy.permissive(), url);
    }

    // --- credentials ---

    @ParameterizedTest
    @ValueSource(strings = {"https://admin:hunter2@api.example.com/v1", "https://hunter2@api.example.com/v1",
        "https://admin:hunter2@10.0.0.1/v1", "https://admin:hunter2@exa mple.com/v1",
        "https://admin:hunter2@0x7f.1/v1", "admin:hunter2@api.example.com/v1", "https://admin:hun/ter2@api.example.com/v1",
        "https://admin:hunter2@[::1]/v1", "//admin:hunter2@api.example.com/v1"})
    void refuses_credentials_without_repeating_them(String url) {
        refused(ApiBasePolicy.permissive(), url).satisfies(e -> assertThat(e.getMessage())
                .doesNotContain("hunter2").doesNotContain("hun/").doesNotContain("admin"));
        refused(strict, url).satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2").doesNotContain("admin"));
    }

    @Test
    void says_credentials_are_not_allowed_and_where_they_belong() {
        refused(ApiBasePolicy.permissive(), "https://admin:hunter2@api.example.com/v1")
                .hasMessageContaining("must not carry credentials")
                .hasMessageContaining("https://***@api.example.com/v1");
    }

    @Test
    void does_not_repeat_the_query_either() {
        refused(strict, "http://api.example.com/v1?api-key=sk-live-123456").satisfies(e ->
                assertThat(e.getMessage()).doesNotContain("sk-live-123456").contains("?***"));
    }

    // --- IPv4 ranges ---

    @ParameterizedTest
    @CsvSource({
        "0.0.0.0, unspecified", "0.1.2.3, unspecified",
        "10.0.0.1, private address (10.0.0.0/8)", "10.255.255.255, private",
        "172.16.0.1, private address (172.16.0.0/12)", "172.31.255.254, private",
        "192.168.1.1, private address (192.168.0.0/16)",
        "127.0.0.1, loopback address (127.0.0.0/8)", "127.255.255.254, loopback",
        "169.254.169.254, cloud metadata", "169.254.1.1, link-local address (169.254.0.0/16)",
        "100.64.0.1, carrier-grade NAT", "100.127.255.254, carrier-grade NAT", "100.100.100.200, carrier-grade NAT",
        "192.0.0.192, IETF protocol", "192.0.2.1, documentation", "198.51.100.7, documentation",
        "203.0.113.9, documentation", "192.88.99.1, 6to4 relay",
        "198.18.0.1, benchmarking", "198.19.255.255, benchmarking",
        "224.0.0.1, multicast", "239.255.255.250, multicast",
        "240.0.0.1, reserved address (240.0.0.0/4", "255.255.255.255, broadcast"})
    void refuses_special_ipv4_addresses(String ip, String reason) {
        refused(strict, "https://" + ip + "/v1")
                .hasMessageContaining("api_base host '" + ip + "' is ")
                .hasMessageContaining(reason)
                .hasMessageContaining("SWITCHBOARD_ALLOW_PRIVATE_API_BASE=true");
    }

    // --- IPv6 ranges and IPv4 embedded in IPv6 ---

    @ParameterizedTest
    @CsvSource({
        "::, unspecified", "::1, loopback",
        "fc00::1, unique-local", "fd00:ec2::254, unique-local", "fdff:ffff::1, unique-local",
        "fe80::1, link-local", "febf::1, link-local", "fec0::1, site-local",
        "ff02::1, multicast", "ff05::2, multicast",
        "2001:db8::1, documentation", "3fff::1, documentation",
        "2001::1, IETF protocol", "2001:0:4136:e378:8000:63bf:3fff:fdd2, Teredo",
        "100::1, discard-only", "::127.0.0.1, IPv4-compatible", "64:ff9b:1::1, local-use NAT64",
        "4000::1, outside global unicast", "5f00::1, outside global unicast", "::2, IPv4-compatible"})
    void refuses_special_ipv6_addresses(String ip, String reason) {
        refused(strict, "https://[" + ip + "]/v1")
                .hasMessageContaining(reason)
                .hasMessageContaining("SWITCHBOARD_ALLOW_PRIVATE_API_BASE=true");
    }

    @ParameterizedTest
    @CsvSource({
        "::ffff:10.0.0.1, 10.0.0.1, private", "::ffff:127.0.0.1, 127.0.0.1, loopback",
        "::ffff:7f00:1, 127.0.0.1, loopback", "::ffff:169.254.169.254, 169.254.169.254, cloud metadata",
        "0:0:0:0:0:ffff:c0a8:101, 192.168.1.1, private",
        "64:ff9b::a9fe:a9fe, 169.254.169.254, NAT64", "64:ff9b::10.0.0.1, 10.0.0.1, NAT64",
        "2002:7f00:1::1, 127.0.0.1, 6to4", "2002:c0a8:101::1, 192.168.1.1, 6to4"})
    void refuses_ipv6_addresses_that_embed_a_refused_ipv4_address(String ip, String embedded, String reason) {
        refused(strict, "https://[" + ip + "]/v1").hasMessageContaining(embedded).hasMessageContaining(reason);
    }

    @Test
    void judges_mapped_addresses_that_java_keeps_as_ipv6_by_their_ipv4_part() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
        InetAddress address = Inet6Address.getByAddress(null, mapped, -1);
        assertThat(strict.allowsAddress(address)).isFalse();
        assertThat(strict.refusal(address)).hasValueSatisfying(why -> assertThat(why).contains("127.0.0.1", "loopback"));
        mapped[12] = 8;
        mapped[13] = 8;
        mapped[14] = 8;
        mapped[15] = 8;
        assertThat(strict.allowsAddress(Inet6Address.getByAddress(null, mapped, -1))).isTrue();
    }

    // --- odd IPv4 spellings ---

    @ParameterizedTest
    @CsvSource({
        "2130706433, 127.0.0.1, loopback", "0x7f000001, 127.0.0.1, loopback", "0x7f.1, 127.0.0.1, loopback",
        "0177.0.0.1, 127.0.0.1, loopback", "017700000001, 127.0.0.1, loopback", "127.1, 127.0.0.1, loopback",
        "0x7f.0.0.1, 127.0.0.1, loopback", "127.0.0.1., 127.0.0.1, loopback",
        "0xa9.0xfe.0xa9.0xfe, 169.254.169.254, cloud metadata", "2852039166, 169.254.169.254, cloud metadata",
        "3232235777, 192.168.1.1, private", "012.0.0.1, 10.0.0.1, private", "0, 0.0.0.0, unspecified",
        "0x0, 0.0.0.0, unspecified"})
    void refuses_odd_spellings_of_refused_ipv4_addresses(String host, String address, String reason) {
        refused(strict, "https://" + host + ":8443/v1")
                .hasMessageContaining("is " + address + ", ")
                .hasMessageContaining(reason);
    }

    @ParameterizedTest
    @CsvSource({"0x08080808, 8.8.8.8", "010.8.8.8, 8.8.8.8", "134744072, 8.8.8.8", "8.8.2056, 8.8.8.8"})
    void refuses_odd_spellings_of_public_addresses_too(String host, String address) {
        refused(strict, "https://" + host + "/v1").hasMessageContaining("write it as " + address);
    }

    @Test
    void refuses_odd_spellings_even_when_private_addresses_are_allowed() {
        refused(ApiBasePolicy.permissive(), "http://2130706433:8080/v1").hasMessageContaining("write it as 127.0.0.1");
        assertThatCode(() -> ApiBasePolicy.permissive().checkUrl("http://127.0.0.1:8080/v1")).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"256.1.1.1", "1.2.3.4.5", "4294967296", "0x100.1.1.1", "09.1.1.1"})
    void refuses_numeric_hosts_that_are_no_address(String host) {
        refused(ApiBasePolicy.permissive(), "https://" + host + "/v1");
    }

    // --- names ---

    @Test
    void refuses_a_name_that_resolves_to_a_private_address() {
        refused(strict, "https://internal.example.com/v1")
                .hasMessage("api_base host 'internal.example.com' resolves to 10.1.2.3, a private address (10.0.0.0/8); "
                        + "private, loopback, link-local and reserved addresses are refused unless "
                        + "SWITCHBOARD_ALLOW_PRIVATE_API_BASE=true");
    }

    @Test
    void refuses_a_name_if_any_of_its_addresses_is_refused() {
        refused(strict, "https://mixed.example.com/v1").hasMessageContaining("192.168.0.10");
        refused(strict, "https://metadata.example.com/v1").hasMessageContaining("cloud metadata");
        refused(strict, "https://v6only.example.com/v1").hasMessageContaining("fd00:ec2:0:0:0:0:0:254");
    }

    @Test
    void refuses_a_name_that_does_not_resolve_at_save_time() {
        refused(strict, "https://nowhere.invalid/v1")
                .hasMessageContaining("'nowhere.invalid' could not be resolved");
    }

    @Test
    void looks_the_name_up_again_on_every_check_so_a_rebinding_answer_is_caught() {
        AtomicInteger calls = new AtomicInteger();
        ApiBasePolicy rebinding = new ApiBasePolicy(Set.of("https"), false,
                host -> new InetAddress[] {InetAddress.getByName(calls.getAndIncrement() == 0 ? "93.184.215.14" : "127.0.0.1")});
        assertThatCode(() -> rebinding.checkUrl("https://rebind.example.com/v1")).doesNotThrowAnyException();
        refused(rebinding, "https://rebind.example.com/v1").hasMessageContaining("resolves to 127.0.0.1");
    }

    @Test
    void parses_ip_literals_without_asking_the_resolver() throws Exception {
        List<String> asked = new ArrayList<>();
        ApiBasePolicy policy = new ApiBasePolicy(Set.of("https"), false, host -> {
            asked.add(host);
            throw new UnknownHostException(host);
        });
        policy.checkUrl("https://8.8.8.8/v1");
        policy.checkUrl("https://[2606:4700:4700::1111]/v1");
        assertThat(policy.resolve("0x7f.1")).extracting(InetAddress::getHostAddress).containsExactly("127.0.0.1");
        assertThat(policy.resolve("[::1]")).extracting(InetAddress::getHostAddress).containsExactly("0:0:0:0:0:0:0:1");
        assertThat(asked).isEmpty();
    }

    // --- the environment ---

    @Test
    void is_strict_by_default() {
        ApiBasePolicy policy = ApiBasePolicy.fromEnv(Map.of());
        assertThat(policy.allowedSchemes()).containsExactly("https");
        assertThat(policy.privateAllowed()).isFalse();
        assertThat(policy.allowsAddress(InetAddress.getLoopbackAddress())).isFalse();
    }

    @Test
    void allow_private_lifts_only_the_address_rule() throws Exception {
        ApiBasePolicy policy = ApiBasePolicy.fromEnv(Map.of("SWITCHBOARD_ALLOW_PRIVATE_API_BASE", "true"));
        assertThat(policy.privateAllowed()).isTrue();
        assertThat(policy.allowsAddress(InetAddress.getByName("169.254.169.254"))).isTrue();
        assertThatCode(() -> policy.checkUrl("https://10.0.0.1/v1")).doesNotThrowAnyException();
        assertThatCode(() -> policy.checkUrl("https://[::1]:8443/v1")).doesNotThrowAnyException();
        refused(policy, "http://10.0.0.1/v1").hasMessageContaining("scheme");
        refused(policy, "https://user:pw@10.0.0.1/v1").hasMessageContaining("credentials");
    }

    @Test
    void with_private_allowed_a_name_is_not_looked_up_at_save_time() {
        List<String> asked = new ArrayList<>();
        ApiBasePolicy policy = new ApiBasePolicy(Set.of("http", "https"), true, host -> {
            asked.add(host);
            throw new UnknownHostException(host);
        });
        assertThatCode(() -> policy.checkUrl("http://ollama:11434")).doesNotThrowAnyException();
        assertThat(asked).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"true, true", "TRUE, true", "1, true", "yes, true", "false, false", "0, false", "no, false", "' ', false"})
    void reads_the_allow_private_flag(String value, boolean expected) {
        assertThat(ApiBasePolicy.fromEnv(Map.of("SWITCHBOARD_ALLOW_PRIVATE_API_BASE", value)).privateAllowed())
                .isEqualTo(expected);
    }

    @Test
    void refuses_a_flag_it_cannot_read() {
        assertThatThrownBy(() -> ApiBasePolicy.fromEnv(Map.of("SWITCHBOARD_ALLOW_PRIVATE_API_BASE", "maybe")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SWITCHBOARD_ALLOW_PRIVATE_API_BASE");
    }

    @Test
    void reads_mlflows_names_for_the_guards() {
        ApiBasePolicy policy = ApiBasePolicy.fromEnv(Map.of("MLFLOW_GATEWAY_API_BASE_ALLOWED_SCHEMES", "http,https",
                "MLFLOW_GATEWAY_API_BASE_ALLOW_PRIVATE_IPS", "true"));
        assertThat(policy.allowedSchemes()).containsExactlyInAnyOrder("http", "https");
        assertThat(policy.privateAllowed()).isTrue();
        assertThatCode(() -> policy.checkUrl("http://127.0.0.1:8080/v1")).doesNotThrowAnyException();
    }

    @Test
    void the_switchboard_names_win_over_mlflows() {
        ApiBasePolicy policy = ApiBasePolicy.fromEnv(Map.of(
                "SWITCHBOARD_API_BASE_ALLOWED_SCHEMES", "https", "MLFLOW_GATEWAY_API_BASE_ALLOWED_SCHEMES", "http,https",
                "SWITCHBOARD_ALLOW_PRIVATE_API_BASE", "false", "MLFLOW_GATEWAY_API_BASE_ALLOW_PRIVATE_IPS", "true"));
        assertThat(policy.allowedSchemes()).containsExactly("https");
        assertThat(policy.privateAllowed()).isFalse();
    }

    @Test
    void names_the_mlflow_variable_when_that_is_the_one_it_cannot_read() {
        assertThatThrownBy(() -> ApiBasePolicy.fromEnv(Map.of("MLFLOW_GATEWAY_API_BASE_ALLOW_PRIVATE_IPS", "maybe")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MLFLOW_GATEWAY_API_BASE_ALLOW_PRIVATE_IPS");
        assertThatThrownBy(() -> ApiBasePolicy.fromEnv(Map.of("MLFLOW_GATEWAY_API_BASE_ALLOWED_SCHEMES", "ftp")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MLFLOW_GATEWAY_API_BASE_ALLOWED_SCHEMES");
    }

    @Test
    void permissive_allows_http_to_loopback() {
        assertThatCode(() -> ApiBasePolicy.permissive().checkUrl("http://127.0.0.1:8080/v1")).doesNotThrowAnyException();
        assertThatCode(() -> ApiBasePolicy.permissive().checkUrl("http://localhost:11434")).doesNotThrowAnyException();
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> refused(ApiBasePolicy policy, String url) {
        return assertThatThrownBy(() -> policy.checkUrl(url))
                .isInstanceOf(GatewayException.InvalidRequest.class)
                .satisfies(e -> assertThat(((GatewayException) e).status()).isEqualTo(400));
    }

    private static InetAddress[] lookup(String host) throws UnknownHostException {
        List<String> ips = DNS.get(host);
        if (ips == null) {
            throw new UnknownHostException(host);
        }
        InetAddress[] addresses = new InetAddress[ips.size()];
        for (int i = 0; i < addresses.length; i++) {
            addresses[i] = InetAddress.getByAddress(host, InetAddress.getByName(ips.get(i)).getAddress());
        }
        return addresses;
    }
}
