package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.Reply;
import dev.switchboard.testing.property.JsonInputs;
import dev.switchboard.testing.property.RequestSeeds;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every invocation route over HTTP, fed hostile bodies against a real gateway whose provider always
 * answers well: whatever the body, the caller gets an answer (a stream, a 2xx, or a 4xx in the
 * route's own shape) within half a minute; never a 5xx, which here could only be the gateway's own.
 */
class InvocationRoutesPropertyTest {

    private static final int TRIES = 100;
    private static final Duration NO_HANG = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    static GatewayFixture fixture;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        fixture = GatewayFixture.start(dir);
        FakeUpstream upstream = fixture.upstream();
        upstream.setDefault(Reply.echoModel());
        fixture.endpoint("chat", fixture.definition(upstream.baseUrl(), "upstream-model"));
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    private static void answeredWithoutAGatewayError(String route, ObjectNode body) {
        HttpRequest request = HttpRequest.newBuilder(fixture.gateway().uri(route)).timeout(NO_HANG)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        HttpResponse<String> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new AssertionError("no answer within " + NO_HANG.toSeconds() + " s on " + route, e);
        } catch (IOException e) {
            throw new AssertionError("the connection failed on " + route, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertThat(response.statusCode()).as("status on %s: %s", route, response.body()).isLessThan(500);
    }

    private static void check(String name, String[] seeds, Function<ObjectNode, String> route) {
        JsonInputs.from(seeds).property(name).check(TRIES, body -> answeredWithoutAGatewayError(route.apply(body), body));
    }

    @Test
    void openai_chat_and_mlflow_routes() {
        check("OpenAI chat route", RequestSeeds.OPENAI_CHAT, body -> "/gateway/openai/v1/chat/completions");
        check("MLflow invocations route", RequestSeeds.OPENAI_CHAT, body -> "/gateway/chat/mlflow/invocations");
        check("MLflow chat route", RequestSeeds.OPENAI_CHAT, body -> "/gateway/mlflow/v1/chat/completions");
    }

    @Test
    void anthropic_route() {
        check("Anthropic route", RequestSeeds.ANTHROPIC_MESSAGES, body -> "/gateway/anthropic/v1/messages");
    }

    @Test
    void gemini_routes() {
        check("Gemini route", RequestSeeds.GEMINI_GENERATE_CONTENT, body -> "/gateway/gemini/v1beta/models/chat:"
                + (body.size() % 2 == 0 ? "generateContent" : "streamGenerateContent?alt=sse"));
    }

    @Test
    void openai_responses_route() {
        check("Responses route", RequestSeeds.OPENAI_RESPONSES, body -> "/gateway/openai/v1/responses");
    }
}
