package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.TestGateway;
import dev.switchboard.testing.AnthropicBodies;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Reply;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a call fits each target: a translated request to Claude without an output limit asks for the
 * model's own (from the catalog), and an operation a target cannot do moves on to the next target.
 */
class TargetFitTest {

    private static final String CHAT = """
            {"model": "%s", "messages": [{"role": "user", "content": "Hi"}]}""";

    @TempDir
    Path dir;
    GatewayFixture fixture;
    FakeUpstream anthropic;
    FakeUpstream openai;

    @BeforeEach
    void start() {
        fixture = GatewayFixture.start(dir);
        anthropic = fixture.upstream();
        openai = fixture.upstream();
        anthropic.setDefault(Reply.json(200, AnthropicBodies.message("claude", "Hello", 3, 1)));
        openai.setDefault(Reply.json(200, OpenAiBodies.embeddings(1, 3)));
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void claude_without_an_output_limit_gets_the_models_own_from_the_catalog() {
        fixture.endpoint("sonnet", fixture.definition("anthropic", anthropic.baseUrl(), "claude-sonnet-4-5"));

        TestGateway.Response answer = fixture.gateway().send("POST", "/gateway/openai/v1/chat/completions",
                CHAT.formatted("sonnet"));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(anthropic.takeRequest().bodyJson().path("max_tokens").asInt()).isEqualTo(64000);
    }

    @Test
    void a_model_the_catalog_does_not_know_gets_the_default_limit() {
        fixture.endpoint("custom", fixture.definition("anthropic", anthropic.baseUrl(), "claude-fine-tuned-x"));

        fixture.gateway().send("POST", "/gateway/openai/v1/chat/completions", CHAT.formatted("custom"));

        assertThat(anthropic.takeRequest().bodyJson().path("max_tokens").asInt()).isEqualTo(4096);
    }

    @Test
    void embeddings_move_on_from_a_target_that_has_none() {
        fixture.endpoint("embed", """
                [{"model_definition_id": "%s", "linkage_type": "PRIMARY", "weight": 100},
                 {"model_definition_id": "%s", "linkage_type": "FALLBACK", "fallback_order": 0}]"""
                .formatted(fixture.definition("anthropic", anthropic.baseUrl(), "claude-sonnet-4-5"),
                        fixture.definition(openai.baseUrl(), "text-embedding-3-small")), "");

        TestGateway.Response answer = fixture.gateway().send("POST", "/gateway/openai/v1/embeddings",
                "{\"model\": \"embed\", \"input\": \"Hi\"}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().path("data").size()).isEqualTo(1);
        assertThat(anthropic.requestCount()).isZero();
        assertThat(openai.requestCount()).isEqualTo(1);
    }

    @Test
    void embeddings_from_an_endpoint_with_no_target_that_has_them_are_a_400() {
        fixture.endpoint("no-embed", fixture.definition("anthropic", anthropic.baseUrl(), "claude-sonnet-4-5"));

        TestGateway.Response answer = fixture.gateway().send("POST", "/gateway/openai/v1/embeddings",
                "{\"model\": \"no-embed\", \"input\": \"Hi\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text("/error/message")).contains("has no embeddings");
    }
}
