package dev.switchboard.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.conformance.Cases.Ask;
import dev.switchboard.conformance.Cases.CallerError;
import dev.switchboard.conformance.ConformanceGateway.Answer;
import dev.switchboard.testing.KeyLeaks;
import dev.switchboard.testing.LogCapture;
import dev.switchboard.testing.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every surface (OpenAI, Anthropic, Gemini, MLflow) and provider kind, passed through or translated,
 * unary and streamed, where something is wrong: a provider that echoes the key in its error, a
 * provider that answers with a redirect, and a caller's body with a field of the wrong shape.
 */
class ErrorPathsConformanceTest {

    /** The headers a provider kind receives its key in. */
    private static final List<String> KEY_HEADERS = List.of("Authorization", "x-api-key", "x-goog-api-key", "api-key");
    private static final String ESCAPED = "@ESCAPED@";
    private static final String REDIRECT_HOST = "login.elsewhere.example";

    @TempDir
    static Path dir;
    static ConformanceGateway gateway;

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @BeforeAll
    static void start() {
        gateway = ConformanceGateway.start(dir);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    static Stream<Arguments> combinations() {
        return Surface.ALL.stream().flatMap(surface -> ProviderKind.ALL.stream().flatMap(kind ->
                Stream.of(false, true).map(stream -> Arguments.of(surface, kind, stream))));
    }

    static Stream<Arguments> pairs() {
        return Surface.ALL.stream().flatMap(surface -> ProviderKind.ALL.stream().map(kind -> Arguments.of(surface, kind)));
    }

    /** Both MLflow routes (per-endpoint invocations and the unified OpenAI-shaped one) to every kind. */
    static Stream<Arguments> mlflowRoutes() {
        return Stream.of("invocations", "unified").flatMap(route -> ProviderKind.ALL.stream().flatMap(kind ->
                Stream.of(false, true).map(stream -> Arguments.of(route, kind, stream))));
    }

    @ParameterizedTest(name = "{0} caller, {1} provider, stream {2}")
    @MethodSource("combinations")
    void a_key_the_provider_echoes_in_a_401_is_masked_in_the_callers_error(Surface surface, ProviderKind kind,
                                                                          boolean stream) {
        Answer answer = call(surface, kind, stream, echoingKey(kind, 401));

        assertNoKey(kind, answer);
        assertThat(answer.status()).as("status of %s", answer).isEqualTo(401);
        CallerError error = surface.error(answer.json());
        assertThat(error.message()).contains("Incorrect API key provided").contains("sk-...4f2a");
    }

    @ParameterizedTest(name = "{0} caller, {1} provider, stream {2}")
    @MethodSource("combinations")
    void a_key_the_provider_echoes_in_a_503_is_masked_in_the_callers_error_and_in_the_attempt_log(
            Surface surface, ProviderKind kind, boolean stream) {
        Answer answer = call(surface, kind, stream, echoingKey(kind, 503));

        assertNoKey(kind, answer);
        assertThat(answer.status()).as("status of %s", answer).isEqualTo(503);
        assertThat(surface.error(answer.json()).message()).contains("Incorrect API key provided");
        assertThat(logs.text()).contains("attempt 1 on " + kind.id() + "/" + kind.model() + " failed");
    }

    @ParameterizedTest(name = "MLflow {0} route, {1} provider, stream {2}")
    @MethodSource("mlflowRoutes")
    void mlflow_routes_mask_a_key_the_provider_echoes(String route, ProviderKind kind, boolean stream) {
        gateway.upstream(kind).setDefault(echoingKey(kind, 503));
        Answer answer = mlflow(route, kind, stream);

        assertNoKey(kind, answer);
        assertThat(answer.status()).as("status of %s", answer).isEqualTo(503);
        assertThat(mlflowMessage(route, answer)).contains("Incorrect API key provided").contains("sk-...4f2a");
    }

    @ParameterizedTest(name = "{0} caller, {1} provider, stream {2}")
    @MethodSource("combinations")
    void a_redirect_is_a_502_that_names_the_target_and_only_the_host(Surface surface, ProviderKind kind,
                                                                     boolean stream) {
        Answer answer = call(surface, kind, stream, redirect(kind));

        assertNoKey(kind, answer);
        assertThat(answer.status()).as("answer %s", answer).isEqualTo(502);
        assertRedirectMessage(surface.error(answer.json()).message(), kind);
    }

    @ParameterizedTest(name = "MLflow {0} route, {1} provider, stream {2}")
    @MethodSource("mlflowRoutes")
    void mlflow_routes_answer_a_redirect_with_a_502_too(String route, ProviderKind kind, boolean stream) {
        gateway.upstream(kind).setDefault(redirect(kind));
        Answer answer = mlflow(route, kind, stream);

        assertNoKey(kind, answer);
        assertThat(answer.status()).as("answer %s", answer).isEqualTo(502);
        assertRedirectMessage(mlflowMessage(route, answer), kind);
    }

    @ParameterizedTest(name = "{0} caller, {1} provider")
    @MethodSource("pairs")
    void a_field_of_the_wrong_shape_is_a_400_before_any_provider_is_called(Surface surface, ProviderKind kind) {
        gateway.upstream(kind).setDefault(kind.reply(Turn.text(Cases.ANSWER, Cases.SMALL_USAGE), Mode.UNARY));
        for (String body : surface.malformed(kind.endpoint())) {
            int before = gateway.upstream(kind).requestCount();

            Answer answer = gateway.post(surface.path(kind.endpoint(), false), body);

            assertThat(answer.status()).as("answer %s to %s", answer, body).isEqualTo(400);
            CallerError error = surface.error(answer.json());
            surface.errorKind(400).ifPresent(expected -> assertThat(error.kind()).isEqualTo(expected));
            assertThat(gateway.upstream(kind).requestCount()).as("requests sent for %s", body).isEqualTo(before);
        }
    }

    private static Answer call(Surface surface, ProviderKind kind, boolean stream, Reply reply) {
        gateway.upstream(kind).setDefault(reply);
        return gateway.post(surface.path(kind.endpoint(), stream),
                surface.request(kind.endpoint(), Ask.text(stream ? Mode.STREAM : Mode.UNARY)));
    }

    private static Answer mlflow(String route, ProviderKind kind, boolean stream) {
        String messages = "\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}], \"stream\": " + stream;
        return route.equals("invocations")
                ? gateway.post("/gateway/" + kind.endpoint() + "/mlflow/invocations", "{" + messages + "}")
                : gateway.post("/gateway/mlflow/v1/chat/completions",
                        "{\"model\": \"" + kind.endpoint() + "\", " + messages + "}");
    }

    /** The message of an MLflow route's error: FastAPI's {@code detail}, or OpenAI's shape on the unified route. */
    private static String mlflowMessage(String route, Answer answer) {
        JsonNode json = answer.json();
        JsonNode message = route.equals("invocations") ? json.path("detail") : json.at("/error/message");
        assertThat(message.isTextual()).as("error message in %s", answer).isTrue();
        return message.asText();
    }

    /**
     * A {@code status} error in {@code kind}'s shape whose message echoes the key the gateway sent: as
     * its header had it (with {@code Bearer}, if any), JSON-escaped, and URL-encoded in a link.
     */
    private static Reply echoingKey(ProviderKind kind, int status) {
        return Reply.respond(request -> {
            String header = KEY_HEADERS.stream().map(request::header).flatMap(Optional::stream).findFirst()
                    .orElseThrow(() -> new AssertionError("no key header was sent"));
            String key = header.startsWith("Bearer ") ? header.substring("Bearer ".length()) : header;
            Reply.Json error = (Reply.Json) kind.error(status, "Incorrect API key provided: " + header
                    + ". As JSON: " + ESCAPED + ". See https://keys.example/check?key="
                    + URLEncoder.encode(key, StandardCharsets.UTF_8), Map.of());
            return new Reply.Json(status, error.body().replace(ESCAPED, key.replace("/", "\\/")), error.headers());
        });
    }

    /** A 302 to another host, with the key in the query as a misconfigured proxy might put it. */
    private static Reply redirect(ProviderKind kind) {
        return Reply.json(302, "").header("Location", "https://" + REDIRECT_HOST + "/v1/secret-path?key="
                + URLEncoder.encode(ConformanceGateway.key(kind), StandardCharsets.UTF_8));
    }

    private static void assertRedirectMessage(String message, ProviderKind kind) {
        assertThat(message).contains(kind.id() + "/" + kind.model()).contains("redirect")
                .contains(REDIRECT_HOST).contains("does not follow")
                .doesNotContain("secret-path").doesNotContain("key=");
    }

    /** Checked before anything that could print the answer or the log, so a failing test never shows the key. */
    private void assertNoKey(ProviderKind kind, Answer answer) {
        String key = ConformanceGateway.key(kind);
        KeyLeaks.assertNone("the answer", answer.body(), key);
        KeyLeaks.assertNone("the log", logs.text(), key);
    }
}
