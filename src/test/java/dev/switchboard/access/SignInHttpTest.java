package dev.switchboard.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.TestGateway;
import dev.switchboard.testing.KeyLeaks;
import dev.switchboard.testing.LogCapture;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web UI's sign-in over real HTTP: the session cookie and its CSRF token, sign-out, a new
 * password ending the session, and the 429 after too many wrong passwords.
 */
class SignInHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOB_PASSWORD = "bob's password, long enough";

    @TempDir
    static Path dir;
    static TestGateway gateway;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.withAuth(dir);
        HttpResponse<String> created = send(request("POST", "/api/2.0/mlflow/users/create",
                "{\"username\": \"bob\", \"password\": \"" + BOB_PASSWORD + "\"}")
                .header("Authorization", TestGateway.basicHeader("admin", TestGateway.ADMIN_PASSWORD)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    private static HttpRequest.Builder request(String method, String path, String json) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(gateway.uri(path));
        if (json == null) {
            return builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return builder.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> signIn(String username, String password) throws Exception {
        return send(request("POST", TestGateway.API + "auth/sign-in",
                "{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}"));
    }

    /** The session id in a sign-in's Set-Cookie. */
    private static String sessionId(HttpResponse<String> signedIn) {
        String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        return cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    void a_session_cookie_works_and_a_cookie_write_needs_the_csrf_token() throws Exception {
        HttpResponse<String> signedIn = signIn("bob", BOB_PASSWORD);
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(200);
        String cookieHeader = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookieHeader).startsWith("switchboard_session=").contains("HttpOnly", "SameSite=Strict", "Path=/");
        String session = sessionId(signedIn);
        String csrf = json(signedIn).path("csrf_token").asText();
        String cookie = "switchboard_session=" + session;

        JsonNode who = json(send(request("GET", TestGateway.API + "auth/session", null).header("Cookie", cookie)));
        assertThat(who.path("auth_enabled").asBoolean()).isTrue();
        assertThat(who.at("/user/username").asText()).isEqualTo("bob");
        assertThat(who.path("csrf_token").asText()).isEqualTo(csrf);

        String create = "{\"name\": \"from the browser\"}";
        HttpResponse<String> noToken = send(request("POST", TestGateway.API + "gateway-keys/create", create)
                .header("Cookie", cookie));
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(json(noToken).path("error_code").asText()).isEqualTo("PERMISSION_DENIED");
        HttpResponse<String> wrongToken = send(request("POST", TestGateway.API + "gateway-keys/create", create)
                .header("Cookie", cookie).header("X-CSRF-Token", csrf + "x"));
        assertThat(wrongToken.statusCode()).isEqualTo(403);
        HttpResponse<String> withToken = send(request("POST", TestGateway.API + "gateway-keys/create", create)
                .header("Cookie", cookie).header("X-CSRF-Token", csrf));
        assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(200);
        String key = json(withToken).path("key").asText();

        HttpResponse<String> out = send(request("POST", TestGateway.API + "auth/sign-out", "{}")
                .header("Cookie", cookie).header("X-CSRF-Token", csrf));
        assertThat(out.statusCode()).isEqualTo(200);
        assertThat(out.headers().firstValue("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
        HttpResponse<String> after = send(request("GET", TestGateway.API + "gateway-keys/list", null)
                .header("Cookie", cookie));
        assertThat(after.statusCode()).isEqualTo(401);
        assertThat(json(after).path("error_code").asText()).isEqualTo("UNAUTHENTICATED");

        for (String secret : new String[] {session, key, BOB_PASSWORD}) {
            KeyLeaks.assertNone("the log", logs.text(), secret);
            KeyLeaks.assertNone("the refusals", noToken.body() + wrongToken.body() + after.body(), secret);
        }
    }

    @Test
    void a_new_password_ends_the_session_it_was_changed_from() throws Exception {
        HttpResponse<String> signedIn = signIn("bob", BOB_PASSWORD);
        String cookie = "switchboard_session=" + sessionId(signedIn);
        String csrf = json(signedIn).path("csrf_token").asText();

        HttpResponse<String> changed = send(request("PATCH", "/api/2.0/mlflow/users/update-password",
                "{\"username\": \"bob\", \"password\": \"bob's second password\"}")
                .header("Cookie", cookie).header("X-CSRF-Token", csrf));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);

        assertThat(send(request("GET", "/api/2.0/mlflow/users/get?username=bob", null).header("Cookie", cookie))
                .statusCode()).isEqualTo(401);
        assertThat(signIn("bob", BOB_PASSWORD).statusCode()).isEqualTo(401);
        assertThat(signIn("bob", "bob's second password").statusCode()).isEqualTo(200);
        KeyLeaks.assertNone("the log", logs.text(), "bob's second password");

        send(request("PATCH", "/api/2.0/mlflow/users/update-password",
                "{\"username\": \"bob\", \"password\": \"" + BOB_PASSWORD + "\"}")
                .header("Authorization", TestGateway.basicHeader("bob", "bob's second password")));
    }

    @Test
    void too_many_wrong_passwords_get_a_429_saying_when_to_retry() throws Exception {
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> wrong = signIn("carol", "a wrong password " + i);
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(json(wrong).path("message").asText()).isEqualTo("Wrong username or password.");
        }

        HttpResponse<String> limited = signIn("carol", "a wrong password again");

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(json(limited).path("error_code").asText()).isEqualTo("REQUEST_LIMIT_EXCEEDED");
        assertThat(json(limited).path("message").asText()).contains("try again in");
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isPositive());
        KeyLeaks.assertNone("the refusal", limited.body(), "a wrong password again");
        KeyLeaks.assertNone("the log", logs.text(), "a wrong password 0");
    }
}
