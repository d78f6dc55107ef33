package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.genai.Client;
import com.google.genai.errors.ClientException;
import com.google.genai.types.HttpOptions;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.switchboard.TestGateway;
import dev.switchboard.testing.AnthropicBodies;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.GeminiBodies;
import dev.switchboard.testing.KeyLeaks;
import dev.switchboard.testing.LogCapture;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Recorded;
import dev.switchboard.testing.Reply;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official OpenAI, Anthropic and Google SDKs calling a gateway with authentication on, each with
 * a gateway key where it sends its API key and only the base URL changed: the key works, fails with
 * a 401 in the SDK's own error type on the very next call once revoked or expired, a key limited to
 * another endpoint gets a 403, and no provider ever sees the key.
 */
class GatewayKeySdkTest {

    private static final String ALICE_PASSWORD = "alice's password, long enough";

    @TempDir
    static Path dir;
    static TestGateway gateway;
    static FakeUpstream openai;
    static FakeUpstream anthropic;
    static FakeUpstream gemini;
    static String otherEndpointId;
    /** Secret ids by endpoint name. */
    static final Map<String, String> SECRETS = new HashMap<>();
    /** Every gateway key made in this class, to check that none leaks anywhere. */
    static final List<String> KEYS = new ArrayList<>();
    static String expiringKey;
    static long expiresAt;

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @BeforeAll
    static void start() {
        gateway = TestGateway.withAuth(dir);
        openai = FakeUpstream.start();
        anthropic = FakeUpstream.start();
        gemini = FakeUpstream.start();
        String gpt = endpoint("gpt", "custom", openai.baseUrl(), "gpt-4o");
        String claude = endpoint("claude", "anthropic", anthropic.baseUrl(), "claude-sonnet-4-5");
        String flash = endpoint("flash", "gemini", gemini.baseUrl(), "gemini-2.5-flash");
        otherEndpointId = endpoint("other", "custom", openai.baseUrl(), "gpt-4o-mini");
        admin("POST", "/api/2.0/mlflow/users/create",
                "{\"username\": \"alice\", \"password\": \"" + ALICE_PASSWORD + "\"}");
        for (String id : List.of(gpt, claude, flash, otherEndpointId)) {
            admin("POST", TestGateway.API + "endpoints/permissions/create",
                    "{\"endpoint_id\": \"" + id + "\", \"username\": \"alice\", \"permission\": \"USE\"}");
        }
        alice("GET", TestGateway.API + "gateway-keys/list", null); // checks the password now, not in the next call
        expiresAt = System.currentTimeMillis() + 2_000;
        expiringKey = newKey("expiring", ", \"expires_at\": " + expiresAt).path("key").asText();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        openai.close();
        anthropic.close();
        gemini.close();
    }

    @AfterEach
    void no_key_reached_a_provider_a_log_line_or_the_database() throws IOException {
        for (FakeUpstream upstream : List.of(openai, anthropic, gemini)) {
            for (Recorded sent : upstream.received()) {
                String everything = sent.method() + " " + sent.path() + "\n" + sent.headers() + "\n" + sent.bodyText();
                KEYS.forEach(key -> KeyLeaks.assertNone("what the provider received", everything, key));
            }
        }
        KEYS.forEach(key -> KeyLeaks.assertNone("the log", logs.text(), key));
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("switchboard.db")).toList()) {
                String stored = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                KEYS.forEach(key -> KeyLeaks.assertNone("the database file " + file.getFileName(), stored, key));
            }
        }
    }

    // ---- Set-up over the management API, as the admin and as alice ----

    private static JsonNode call(Map<String, String> credentials, String method, String path, String json) {
        return gateway.ok(credentials, method, path, json);
    }

    private static JsonNode admin(String method, String path, String json) {
        return call(TestGateway.basic("admin", TestGateway.ADMIN_PASSWORD), method, path, json);
    }

    private static JsonNode alice(String method, String path, String json) {
        return call(TestGateway.basic("alice", ALICE_PASSWORD), method, path, json);
    }

    private static String endpoint(String name, String provider, String baseUrl, String model) {
        String secret = admin("POST", TestGateway.API + "secrets/create", """
                {"secret_name": "key-%s", "secret_value": {"api_key": "sk-provider-%s"},
                 "provider": "%s", "auth_config": {"api_base": "%s"}}""".formatted(name, name, provider, baseUrl))
                .at("/secret/secret_id").asText();
        SECRETS.put(name, secret);
        String definition = admin("POST", TestGateway.API + "model-definitions/create", """
                {"name": "def-%s", "secret_id": "%s", "provider": "%s", "model_name": "%s"}"""
                .formatted(name, secret, provider, model)).at("/model_definition/model_definition_id").asText();
        return admin("POST", TestGateway.API + "endpoints/create", """
                {"name": "%s", "model_configs": [{"model_definition_id": "%s"}]}""".formatted(name, definition))
                .at("/endpoint/endpoint_id").asText();
    }

    /** A key alice makes for herself; {@code more} adds fields to the create request. */
    private static JsonNode newKey(String name, String more) {
        JsonNode created = alice("POST", TestGateway.API + "gateway-keys/create",
                "{\"name\": \"" + name + "\"" + more + "}");
        String key = created.path("key").asText();
        assertThat(key).startsWith("sb-");
        KEYS.add(key);
        assertThat(created.at("/gateway_key/owner").asText()).isEqualTo("alice");
        return created;
    }

    private static String activeKey() {
        return newKey("sdk", "").path("key").asText();
    }

    private static void revoke(JsonNode created) {
        JsonNode revoked = alice("POST", TestGateway.API + "gateway-keys/revoke",
                "{\"key_id\": \"" + created.at("/gateway_key/key_id").asText() + "\"}");
        assertThat(revoked.at("/gateway_key/status").asText()).isEqualTo("revoked");
    }

    private static void awaitExpiry() throws InterruptedException {
        long left = expiresAt - System.currentTimeMillis();
        if (left >= 0) {
            Thread.sleep(left + 5);
        }
    }

    // ---- The SDKs, with only the base URL and the API key changed ----

    private static OpenAIClient openaiSdk(String key) {
        return OpenAIOkHttpClient.builder().baseUrl(gateway.uri("/gateway/openai/v1").toString()).apiKey(key)
                .maxRetries(0).timeout(Duration.ofSeconds(30)).build();
    }

    private static AnthropicClient anthropicSdk(String key) {
        return AnthropicOkHttpClient.builder().baseUrl(gateway.uri("/gateway/anthropic").toString()).apiKey(key)
                .maxRetries(0).build();
    }

    private static Client geminiSdk(String key) {
        return Client.builder().apiKey(key)
                .httpOptions(HttpOptions.builder().baseUrl(gateway.uri("/gateway/gemini").toString()).build()).build();
    }

    private static String askOpenAi(String key, String model) {
        return openaiSdk(key).chat().completions().create(ChatCompletionCreateParams.builder().model(model)
                .addUserMessage("Hello").build()).choices().getFirst().message().content().orElseThrow();
    }

    private static String askAnthropic(String key, String model) {
        return anthropicSdk(key).messages().create(MessageCreateParams.builder().model(model).maxTokens(64)
                .addUserMessage("Hello").build()).content().getFirst().text().orElseThrow().text();
    }

    private static String askGemini(String key, String model) {
        return geminiSdk(key).models.generateContent(model, "Hello", null).text();
    }

    /** Runs a refused call and checks that it never reached the provider. */
    private static void refused(FakeUpstream upstream, Runnable call, Consumer<Throwable> check) {
        int before = upstream.requestCount();
        Throwable thrown = null;
        try {
            call.run();
        } catch (RuntimeException e) {
            thrown = e;
        }
        assertThat(thrown).as("the call must be refused").isNotNull();
        check.accept(thrown);
        String message = String.valueOf(thrown.getMessage());
        KEYS.forEach(key -> KeyLeaks.assertNone("the error", message, key));
        assertThat(upstream.requestCount()).as("a refused call never reaches the provider").isEqualTo(before);
    }

    // ---- OpenAI: Authorization: Bearer ----

    @Test
    void openai_sdk_calls_with_a_key_and_gets_401_on_the_call_right_after_revocation() {
        JsonNode created = newKey("openai", "");
        String key = created.path("key").asText();
        openai.enqueue(Reply.json(OpenAiBodies.chatCompletion("gpt-4o", "Hi with a key", 7, 3)));

        assertThat(askOpenAi(key, "gpt")).isEqualTo("Hi with a key");
        Recorded sent = openai.received().getLast();
        assertThat(sent.header("Authorization")).hasValue("Bearer sk-provider-gpt");

        revoke(created);
        refused(openai, () -> askOpenAi(key, "gpt"), e -> assertThat(e)
                .isInstanceOf(com.openai.errors.UnauthorizedException.class).hasMessageContaining("revoked"));
    }

    @Test
    void openai_sdk_with_an_expired_key_gets_401_saying_it_expired() throws InterruptedException {
        awaitExpiry();
        refused(openai, () -> askOpenAi(expiringKey, "gpt"), e -> assertThat(e)
                .isInstanceOf(com.openai.errors.UnauthorizedException.class).hasMessageContaining("expired"));
    }

    @Test
    void openai_sdk_with_a_key_limited_to_another_endpoint_gets_403() {
        String key = newKey("other only", ", \"endpoint_ids\": [\"" + otherEndpointId + "\"]").path("key").asText();
        refused(openai, () -> askOpenAi(key, "gpt"), e -> assertThat(e)
                .isInstanceOf(com.openai.errors.PermissionDeniedException.class));

        openai.enqueue(Reply.json(OpenAiBodies.chatCompletion("gpt-4o-mini", "The endpoint it is for", 7, 3)));
        assertThat(askOpenAi(key, "other")).isEqualTo("The endpoint it is for");
    }

    @Test
    void openai_sdk_without_a_key_or_with_a_provider_key_gets_401() {
        refused(openai, () -> askOpenAi("", "gpt"), e -> assertThat(e)
                .isInstanceOf(com.openai.errors.UnauthorizedException.class));
        refused(openai, () -> askOpenAi("sk-proj-a-provider-key", "gpt"), e -> assertThat(e)
                .isInstanceOf(com.openai.errors.UnauthorizedException.class)
                .hasMessageContaining("Not a gateway key"));
    }

    @Test
    void openai_sdk_streams_with_a_key() {
        String key = activeKey();
        openai.enqueue(Reply.sse(OpenAiBodies.chunks("gpt-4o", List.of("Stre", "amed"), true)).withDone());

        StringBuilder text = new StringBuilder();
        try (com.openai.core.http.StreamResponse<com.openai.models.chat.completions.ChatCompletionChunk> stream =
                     openaiSdk(key).chat().completions().createStreaming(ChatCompletionCreateParams.builder()
                             .model("gpt").addUserMessage("Hello").build())) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(choice ->
                    choice.delta().content().ifPresent(text::append)));
        }

        assertThat(text).hasToString("Streamed");
        assertThat(openai.received().getLast().bodyJson().path("stream").asBoolean()).isTrue();
    }

    // ---- Anthropic: x-api-key ----

    @Test
    void anthropic_sdk_calls_with_a_key_and_gets_401_on_the_call_right_after_revocation() {
        JsonNode created = newKey("anthropic", "");
        String key = created.path("key").asText();
        anthropic.enqueue(Reply.json(AnthropicBodies.message("claude-sonnet-4-5", "Hi from Claude", 12, 5)));

        assertThat(askAnthropic(key, "claude")).isEqualTo("Hi from Claude");
        assertThat(anthropic.received().getLast().header("x-api-key")).hasValue("sk-provider-claude");

        revoke(created);
        refused(anthropic, () -> askAnthropic(key, "claude"), e -> assertThat(e)
                .isInstanceOf(com.anthropic.errors.UnauthorizedException.class).hasMessageContaining("revoked"));
    }

    @Test
    void anthropic_sdk_with_an_expired_key_gets_401_saying_it_expired() throws InterruptedException {
        awaitExpiry();
        refused(anthropic, () -> askAnthropic(expiringKey, "claude"), e -> assertThat(e)
                .isInstanceOf(com.anthropic.errors.UnauthorizedException.class).hasMessageContaining("expired"));
    }

    @Test
    void anthropic_sdk_with_a_key_limited_to_another_endpoint_gets_403() {
        String key = newKey("other only", ", \"endpoint_ids\": [\"" + otherEndpointId + "\"]").path("key").asText();
        refused(anthropic, () -> askAnthropic(key, "claude"), e -> assertThat(e)
                .isInstanceOf(com.anthropic.errors.PermissionDeniedException.class));
    }

    @Test
    void anthropic_sdk_without_a_key_gets_401() {
        refused(anthropic, () -> AnthropicOkHttpClient.builder().baseUrl(gateway.uri("/gateway/anthropic").toString())
                .maxRetries(0).build().messages().create(MessageCreateParams.builder().model("claude").maxTokens(64)
                        .addUserMessage("Hello").build()),
                e -> assertThat(e).isInstanceOf(com.anthropic.errors.UnauthorizedException.class)
                        .hasMessageContaining("Authentication required"));
    }

    @Test
    void anthropic_sdk_streams_with_a_key() {
        String key = activeKey();
        anthropic.enqueue(Reply.sseFrames(AnthropicBodies.stream("claude-sonnet-4-5", List.of("Hel", "lo"))));

        StringBuilder text = new StringBuilder();
        try (StreamResponse<RawMessageStreamEvent> stream = anthropicSdk(key).messages().createStreaming(
                MessageCreateParams.builder().model("claude").maxTokens(64).addUserMessage("Hello").build())) {
            stream.stream().forEach(event -> event.contentBlockDelta()
                    .flatMap(delta -> delta.delta().text()).ifPresent(t -> text.append(t.text())));
        }

        assertThat(text).hasToString("Hello");
    }

    // ---- Gemini: x-goog-api-key, and ?key= ----

    @Test
    void gemini_sdk_calls_with_a_key_and_gets_401_on_the_call_right_after_revocation() {
        JsonNode created = newKey("gemini", "");
        String key = created.path("key").asText();
        gemini.enqueue(Reply.json(GeminiBodies.response("Hi from Gemini", 4, 3)));

        assertThat(askGemini(key, "flash")).isEqualTo("Hi from Gemini");
        assertThat(gemini.received().getLast().header("x-goog-api-key")).hasValue("sk-provider-flash");

        revoke(created);
        refused(gemini, () -> askGemini(key, "flash"), e -> {
            assertThat(e).isInstanceOf(ClientException.class).hasMessageContaining("revoked");
            assertThat(((ClientException) e).code()).isEqualTo(401);
        });
    }

    @Test
    void gemini_sdk_with_an_expired_key_gets_401_saying_it_expired() throws InterruptedException {
        awaitExpiry();
        refused(gemini, () -> askGemini(expiringKey, "flash"), e -> {
            assertThat(e).isInstanceOf(ClientException.class).hasMessageContaining("expired");
            assertThat(((ClientException) e).code()).isEqualTo(401);
        });
    }

    @Test
    void gemini_sdk_with_a_key_limited_to_another_endpoint_gets_403() {
        String key = newKey("other only", ", \"endpoint_ids\": [\"" + otherEndpointId + "\"]").path("key").asText();
        refused(gemini, () -> askGemini(key, "flash"), e -> {
            assertThat(e).isInstanceOf(ClientException.class);
            assertThat(((ClientException) e).code()).isEqualTo(403);
        });
    }

    @Test
    void gemini_sdk_with_an_empty_key_gets_401() {
        // The SDK sends an empty x-goog-api-key header, which the gateway calls "not a gateway key".
        refused(gemini, () -> askGemini("", "flash"), e -> {
            assertThat(e).isInstanceOf(ClientException.class).hasMessageContaining("UNAUTHENTICATED");
            assertThat(((ClientException) e).code()).isEqualTo(401);
        });
    }

    @Test
    void gemini_sdk_with_a_key_that_is_not_a_gateway_key_gets_401() {
        refused(gemini, () -> askGemini("AIza-a-google-key", "flash"), e -> {
            assertThat(e).isInstanceOf(ClientException.class).hasMessageContaining("Not a gateway key");
            assertThat(((ClientException) e).code()).isEqualTo(401);
        });
    }

    @Test
    void a_gemini_call_with_the_key_in_the_query_works_and_the_key_goes_no_further() throws Exception {
        JsonNode created = newKey("query", "");
        String key = created.path("key").asText();
        gemini.enqueue(Reply.json(GeminiBodies.response("Hi via ?key=", 4, 3)));
        String path = "/gateway/gemini/v1beta/models/flash:generateContent?key="
                + URLEncoder.encode(key, StandardCharsets.UTF_8);
        String body = "{\"contents\": [{\"role\": \"user\", \"parts\": [{\"text\": \"Hello\"}]}]}";

        HttpResponse<String> ok = post(path, body);

        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.body()).contains("Hi via ?key=");
        Recorded sent = gemini.received().getLast();
        assertThat(sent.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");

        gemini.enqueue(Reply.sse(GeminiBodies.stream(List.of("Stre", "amed"))));
        HttpResponse<String> streamed = post("/gateway/gemini/v1beta/models/flash:streamGenerateContent?alt=sse&key="
                + URLEncoder.encode(key, StandardCharsets.UTF_8), body);
        assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(200);
        assertThat(streamed.body()).contains("Stre", "amed");
        assertThat(gemini.received().getLast().path())
                .isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse");

        revoke(created);
        int before = gemini.requestCount();
        HttpResponse<String> refused = post(path, body);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("revoked");
        KeyLeaks.assertNone("the error body", refused.body(), key);
        assertThat(gemini.requestCount()).isEqualTo(before);

        HttpResponse<String> none = post("/gateway/gemini/v1beta/models/flash:generateContent", body);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).isPresent();
    }

    @Test
    void the_raw_proxy_forwards_neither_a_key_in_the_query_nor_one_in_a_header() throws Exception {
        String key = activeKey();
        gemini.enqueue(Reply.json(GeminiBodies.response("Hi via the proxy", 4, 3)));
        gemini.enqueue(Reply.json(GeminiBodies.response("Hi again via the proxy", 4, 3)));
        String body = "{\"contents\": [{\"role\": \"user\", \"parts\": [{\"text\": \"Hello\"}]}]}";
        String path = "/gateway/proxy/flash/v1beta/models/gemini-2.5-flash:generateContent";

        HttpResponse<String> byQuery = post(path + "?alt=json&key=" + URLEncoder.encode(key, StandardCharsets.UTF_8),
                body);
        HttpResponse<String> byHeader = post(path + "?alt=json", body, "x-goog-api-key", key);

        assertThat(byQuery.statusCode()).as(byQuery.body()).isEqualTo(200);
        assertThat(byHeader.statusCode()).as(byHeader.body()).isEqualTo(200);
        List<Recorded> sent = gemini.received();
        assertThat(sent.get(sent.size() - 2).path()).contains("alt=json").doesNotContain("key=");
        assertThat(sent.getLast().header("x-goog-api-key")).hasValue("sk-provider-flash");
    }

    @Test
    void openai_sdk_lists_only_the_endpoints_its_key_may_use() {
        String limited = newKey("other only", ", \"endpoint_ids\": [\"" + otherEndpointId + "\"]").path("key").asText();
        String all = activeKey();

        assertThat(openaiSdk(limited).models().list().data()).extracting(m -> m.id()).containsExactly("other");
        assertThat(openaiSdk(all).models().list().data()).extracting(m -> m.id())
                .containsExactlyInAnyOrder("gpt", "claude", "flash", "other");
    }

    @Test
    void an_admins_key_limited_to_one_endpoint_does_not_administer_the_gateway() {
        JsonNode created = admin("POST", TestGateway.API + "gateway-keys/create",
                "{\"name\": \"admin, other only\", \"endpoint_ids\": [\"" + otherEndpointId + "\"]}");
        String key = created.path("key").asText();
        KEYS.add(key);
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + key);

        assertThat(gateway.send("GET", "/api/2.0/mlflow/users/list", null, bearer).status()).isEqualTo(403);
        String spare = admin("POST", TestGateway.API + "secrets/create", """
                {"secret_name": "spare", "secret_value": {"api_key": "sk-spare"}, "provider": "custom",
                 "auth_config": {"api_base": "%s"}}""".formatted(openai.baseUrl())).at("/secret/secret_id").asText();
        TestGateway.Response read = gateway.send("GET", TestGateway.API + "secrets/get?secret_id=" + spare, null, bearer);
        TestGateway.Response changed = gateway.send("POST", TestGateway.API + "secrets/update",
                "{\"secret_id\": \"" + spare + "\", \"secret_value\": {\"api_key\": \"sk-changed-with-a-key\"}}",
                bearer);

        assertThat(List.of(read.status(), changed.status())).as("reading, then replacing, a provider key with a key "
                + "meant for calling one endpoint: %s / %s", read.body(), changed.body()).containsExactly(403, 403);
    }

    private static HttpResponse<String> post(String path, String json, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
