package dev.switchboard.wire.responses;

import static dev.switchboard.wire.responses.Fixtures.ENCRYPTED;
import static dev.switchboard.wire.responses.Fixtures.FORMAT;
import static dev.switchboard.wire.responses.Fixtures.events;
import static dev.switchboard.wire.responses.Fixtures.parse;
import static dev.switchboard.wire.responses.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.SseEvent;
import dev.switchboard.core.Usage;
import dev.switchboard.core.WireFormat;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Pass-through: what is sent on, the usage read from what comes back, and where a relayed stream ends. */
class ResponsesRelayTest {

    private static SseEvent event(String text) {
        return read(text.getBytes(StandardCharsets.UTF_8)).getFirst();
    }

    private static Usage usage(String body) {
        return FORMAT.usage(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void the_usage_of_a_body_is_its_top_level_usage_wherever_it_stands() {
        Usage last = usage("""
                {"id": "r", "output": [{"type": "message", "content": [{"type": "output_text", "text": "hi",
                 "usage": {"input_tokens": 999}}]}],
                 "usage": {"input_tokens": 36, "input_tokens_details": {"cached_tokens": 10}, "output_tokens": 87,
                           "output_tokens_details": {"reasoning_tokens": 5}, "total_tokens": 123}}""");
        Usage first = usage("""
                {"usage": {"input_tokens": 36, "input_tokens_details": {"cached_tokens": 10}, "output_tokens": 87,
                           "output_tokens_details": {"reasoning_tokens": 5}, "total_tokens": 123}, "output": []}""");

        assertThat(last).isEqualTo(new Usage(36, 87, 10, 0, 5)).isEqualTo(first);
        assertThat(usage("{\"output\": [], \"usage\": null}")).isEqualTo(Usage.NONE);
        assertThat(usage("not json")).isEqualTo(Usage.NONE);
        assertThat(usage("[1]")).isEqualTo(Usage.NONE);
    }

    @Test
    void a_relayed_stream_ends_on_its_last_event_which_carries_the_usage() {
        WireFormat.Relay relay = FORMAT.relay((ObjectNode) parse("{\"stream\": true}"));
        List<SseEvent> events = events("stream-reasoning-tool-call.sse");

        Usage usage = Usage.NONE;
        for (SseEvent event : events) {
            assertThat(relay.terminatorOnly(event)).isFalse();
            assertThat(relay.error(event)).isEmpty();
            assertThat(relay.forwards(event)).isTrue();
            usage = relay.usage(event, usage);
        }

        assertThat(events).extracting(relay::ends).containsOnlyOnce(true).last().isEqualTo(true);
        assertThat(usage).isEqualTo(new Usage(66, 214, 32, 0, 192));
        for (String last : List.of("response.completed", "response.incomplete", "response.failed")) {
            assertThat(relay.ends(event("event: " + last + "\ndata: {}\n\n"))).isTrue();
            assertThat(relay.ends(event("data: {\"type\":\"" + last + "\",\"response\":{}}\n\n"))).isTrue();
        }
        assertThat(relay.usage(event("data: {\"type\":\"response.incomplete\",\"response\":{\"id\":\"r\","
                + "\"usage\":{\"input_tokens\":3,\"output_tokens\":4}}}\n\n"), Usage.NONE)).isEqualTo(new Usage(3, 4, 0, 0, 0));
        assertThat(relay.usage(event("event: response.output_text.delta\ndata: {\"usage\":{\"input_tokens\":9}}\n\n"),
                Usage.NONE)).isEqualTo(Usage.NONE);
    }

    @Test
    void an_error_event_or_a_failed_response_is_the_streams_error() {
        WireFormat.Relay relay = FORMAT.relay((ObjectNode) parse("{}"));

        assertThat(relay.error(event("event: error\ndata: {\"type\":\"error\",\"sequence_number\":2,\"error\":"
                + "{\"type\":\"too_many_requests\",\"code\":\"too_many_requests\",\"message\":\"Too Many Requests\","
                + "\"param\":null}}\n\n"))).contains("too_many_requests: Too Many Requests");
        assertThat(relay.error(event("event: error\ndata: {\"type\":\"error\",\"code\":null,\"message\":\"Boom\","
                + "\"param\":null,\"sequence_number\":1}\n\n"))).contains("Boom");
        assertThat(relay.error(event("event: response.failed\ndata: {\"type\":\"response.failed\",\"response\":"
                + "{\"status\":\"failed\",\"error\":{\"code\":\"server_error\",\"message\":\"Failed.\"}}}\n\n")))
                .contains("server_error: Failed.");
        assertThat(relay.error(event("event: error\ndata: nonsense\n\n"))).contains("unknown error");
        assertThat(relay.error(event("data: {\"type\":\"response.output_text.delta\",\"delta\":\"error\"}\n\n"))).isEmpty();
    }

    @Test
    void pass_through_copies_the_top_level_sets_the_model_and_never_changes_the_callers_body() {
        ObjectNode body = (ObjectNode) parse("""
                {"model": "my-endpoint", "input": [{"role": "user", "content": "hi"}], "previous_response_id": "resp_1",
                 "store": true, "tools": [{"type": "web_search"}]}""");
        JsonNode before = body.deepCopy();

        ObjectNode sent = FORMAT.passThrough(body, "gpt-5");

        assertThat(sent.get("model").asText()).isEqualTo("gpt-5");
        assertThat(sent.get("previous_response_id").asText()).isEqualTo("resp_1");
        assertThat(sent.get("input")).isSameAs(body.get("input"));
        assertThat(body).isEqualTo(before);
        sent.put("stream", true);
        assertThat(body.has("stream")).isFalse();
    }

    @Test
    void pass_through_sends_a_responses_provider_only_the_reasoning_it_can_decrypt() {
        String own = "swb1Resp" + ENCRYPTED;
        String claude = "swb1AnthEqQBCgIYAhIM1gbcDa9GJwZA2b3h";
        ObjectNode body = (ObjectNode) parse("""
                {"model": "ep", "input": [
                  {"role": "user", "content": "q"},
                  {"type": "reasoning", "id": "rs_1", "summary": [], "encrypted_content": "%s"},
                  {"type": "reasoning", "summary": [{"type": "summary_text", "text": "t"}], "encrypted_content": "%s"},
                  {"type": "reasoning", "summary": [], "encrypted_content": "%s"},
                  {"type": "reasoning", "summary": [], "encrypted_content": "swb1Deep"},
                  {"role": "assistant", "content": "a"}]}""".formatted(ENCRYPTED, own, claude));
        JsonNode before = body.deepCopy();

        JsonNode input = FORMAT.passThrough(body, "gpt-5").get("input");

        assertThat(body).isEqualTo(before);
        assertThat(input).hasSize(4);
        assertThat(input.get(1)).isSameAs(body.get("input").get(1));
        assertThat(input.get(2).get("encrypted_content").asText()).isEqualTo(ENCRYPTED);
        assertThat(input.get(2).get("summary")).isEqualTo(body.get("input").get(2).get("summary"));
        assertThat(input.get(3).get("role").asText()).isEqualTo("assistant");

        ObjectNode plain = (ObjectNode) parse("{\"input\": [{\"type\": \"reasoning\", \"encrypted_content\": \"%s\"}]}"
                .formatted(ENCRYPTED));
        assertThat(FORMAT.passThrough(plain, "gpt-5").get("input")).isSameAs(plain.get("input"));
    }

    @Test
    void the_sdks_headers_go_on_and_openais_come_back() {
        assertThat(FORMAT.forwardedHeaders()).containsExactly("openai-beta");
        for (String name : List.of("x-request-id", "X-RateLimit-Remaining-Tokens", "retry-after-ms", "x-should-retry",
                "openai-processing-ms")) {
            assertThat(FORMAT.relaysHeader(name)).as(name).isTrue();
        }
        assertThat(FORMAT.relaysHeader("set-cookie")).isFalse();
        assertThat(FORMAT.embeddings()).isEqualTo(Optional.empty());
    }
}
