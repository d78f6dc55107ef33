package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.access.AccessControl;
import dev.switchboard.access.AccessSettings;
import dev.switchboard.access.Principal;
import dev.switchboard.core.GatewayException;
import dev.switchboard.store.Database;
import dev.switchboard.store.SqlAccessStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Authenticator} over a plain {@link InboundRequest}, with no HTTP server: which credentials
 * it reads first, and the 401's challenge.
 */
class AuthenticatorTest {

    private static final String PASSWORD = "alice's password, for tests";

    @TempDir
    Path dir;
    private Database database;
    private AccessControl access;
    private Authenticator authenticator;
    private String aliceKey;

    @BeforeEach
    void open() {
        database = Database.open(dir.resolve("access.db").toString());
        access = new AccessControl(new SqlAccessStore(database), AccessSettings.defaults(), InstantSource.system(),
                (kind, id) -> Optional.empty());
        access.users().create("alice", PASSWORD, false, Optional.empty());
        aliceKey = access.keys().create("laptop", "alice", Set.of(), OptionalLong.empty(), Optional.empty()).key();
        authenticator = new Authenticator(access);
    }

    @AfterEach
    void close() {
        access.close();
        database.close();
    }

    @Test
    void everyone_is_open_with_authentication_off() {
        Request basic = request().header("Authorization", basic("alice", PASSWORD));
        assertThat(Authenticator.OFF.principal(basic, true)).isSameAs(Principal.OPEN);
    }

    @Test
    void the_view_is_enough_to_authenticate() {
        Principal byBearer = authenticator.principal(request().header("Authorization", "Bearer " + aliceKey), false);
        Principal byQuery = authenticator.principal(request().query("key", aliceKey), true);
        Principal byPassword = authenticator.principal(request().header("Authorization", basic("alice", PASSWORD)),
                false);
        assertThat(byBearer.user()).map(Principal.User::username).contains("alice");
        assertThat(byQuery.user()).map(Principal.User::username).contains("alice");
        assertThat(byPassword.user()).map(Principal.User::username).contains("alice");
        assertThatThrownBy(() -> authenticator.principal(request().query("key", aliceKey), false))
                .isInstanceOf(GatewayException.Unauthenticated.class).hasMessage(Authenticator.MISSING);
    }

    @Test
    void what_is_read_first_decides_and_wrong_credentials_never_fall_back_to_the_next_kind() {
        // Authorization comes before the key headers, and the key headers before the cookie.
        assertThatThrownBy(() -> authenticator.principal(request().header("Authorization", "Bearer sb-not-a-key")
                .header("x-api-key", aliceKey), true)).isInstanceOf(GatewayException.Unauthenticated.class);
        assertThatThrownBy(() -> authenticator.principal(request().header("x-api-key", "sb-not-a-key")
                .session("no-such-session"), true)).hasMessage("Invalid gateway key");
        assertThatThrownBy(() -> authenticator.principal(request().session("no-such-session"), true))
                .hasMessage("Your session has ended: sign in again");
        // A blank Authorization counts for nothing.
        assertThat(authenticator.principal(request().header("Authorization", " ").header("x-api-key", aliceKey), true)
                .user()).map(Principal.User::username).contains("alice");
    }

    @Test
    void a_pages_own_fetch_is_challenged_with_bearer_so_the_browser_shows_no_dialog() {
        assertThat(Authenticator.challenge(request().header("Sec-Fetch-Mode", "cors"))).startsWith("Bearer ");
        assertThat(Authenticator.challenge(request().header("Sec-Fetch-Mode", "navigate"))).startsWith("Basic ");
        assertThat(Authenticator.challenge(request())).startsWith("Basic ");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static Request request() {
        return new Request(new TreeMap<>(String.CASE_INSENSITIVE_ORDER), new TreeMap<>(), new TreeMap<>());
    }

    /** A GET from 127.0.0.1 with the headers, query parameters and cookies the test adds. */
    private record Request(Map<String, String> headers, Map<String, String> params, Map<String, String> cookies)
            implements InboundRequest {

        Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        Request query(String name, String value) {
            params.put(name, value);
            return this;
        }

        Request session(String value) {
            cookies.put(Authenticator.SESSION_COOKIE, value);
            return this;
        }

        @Override
        public String method() {
            return "GET";
        }

        @Override
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }

        @Override
        public Optional<String> query(String name) {
            return Optional.ofNullable(params.get(name));
        }

        @Override
        public Optional<String> cookie(String name) {
            return Optional.ofNullable(cookies.get(name));
        }

        @Override
        public String remoteHost() {
            return "127.0.0.1";
        }
    }
}
