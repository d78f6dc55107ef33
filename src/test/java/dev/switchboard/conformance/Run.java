package dev.switchboard.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.conformance.Cases.Ask;
import dev.switchboard.conformance.Cases.CallerError;
import dev.switchboard.conformance.Cases.Seen;
import dev.switchboard.conformance.Cases.ToolCall;
import dev.switchboard.conformance.ConformanceGateway.Answer;
import dev.switchboard.testing.Recorded;
import dev.switchboard.testing.Reply;
import java.util.List;
import java.util.Map;

/**
 * One cell being run: its calls through the gateway, and the checks every call of the cell gets
 * whatever its scenario: the request well formed for the provider (path, model, stream flag, the
 * provider's own rules), the answer well formed for the caller (status, content type, the
 * surface's event grammar for a stream), and the surface's SDK reading the same answer the same way.
 */
final class Run {

    private final Cell cell;
    private final ConformanceGateway gateway;
    private final Sdks sdks;

    Run(Cell cell, ConformanceGateway gateway, Sdks sdks) {
        this.cell = cell;
        this.gateway = gateway;
        this.sdks = sdks;
    }

    Scenario scenario() {
        return cell.scenario();
    }

    Surface surface() {
        return cell.surface();
    }

    ProviderKind kind() {
        return cell.kind();
    }

    Mode mode() {
        return cell.mode();
    }

    Declaration declared() {
        return cell.declaration();
    }

    boolean passThrough() {
        return cell.passThrough();
    }

    /** The caller's plain request in this cell's mode. */
    Ask ask() {
        return Ask.text(mode());
    }

    /**
     * Scripts {@code reply} as the provider's answer to every request (a default rather than a queue,
     * so a case that fails before reaching the provider leaves nothing behind for the next), makes
     * the call, and checks that exactly one request reached the provider.
     */
    Exchange call(String path, String body, Map<String, String> headers, Reply reply) {
        gateway.upstream(kind()).setDefault(reply);
        int before = gateway.upstream(kind()).requestCount();
        Answer answer = gateway.post(path, body, headers);
        List<Recorded> received = gateway.upstream(kind()).received();
        assertThat(received).as("requests to the %s provider; the caller got %s", kind(), answer).hasSize(before + 1);
        return new Exchange(answer, received.getLast(), body);
    }

    Exchange call(Ask ask, Reply reply) {
        return call(surface().path(kind().endpoint(), ask.stream()), surface().request(kind().endpoint(), ask), Map.of(),
                reply);
    }

    /** A call the gateway must answer itself, without calling the provider. */
    Answer refusedCall(String path, String body) {
        int before = gateway.upstream(kind()).requestCount();
        Answer answer = gateway.post(path, body);
        assertThat(gateway.upstream(kind()).requestCount()).as("requests to the %s provider; the caller got %s",
                kind(), answer).isEqualTo(before);
        return answer;
    }

    /** The provider answers {@code turn}; the caller must get a whole, well-formed answer. */
    Answered answered(Ask ask, Turn turn) {
        return answered(call(ask, kind().reply(turn, mode())));
    }

    /**
     * Checks a successful chat exchange: the request as the provider requires it, the answer as the
     * caller's format and SDK require it. Returns what the caller saw.
     */
    Answered answered(Exchange exchange) {
        Answer answer = exchange.answer();
        Recorded sent = exchange.sent();
        kind().assertWellFormed(sent);
        assertThat(sent.path()).as("upstream path").isEqualTo(kind().upstreamPath(surface(), mode().stream()));
        assertThat(kind().model(sent)).as("model sent").isEqualTo(kind().model());
        assertThat(kind().streamed(sent)).as("stream asked of the provider").isEqualTo(mode().stream());
        assertThat(answer.status()).as("status of %s", answer).isEqualTo(200);
        Seen seen;
        if (mode().stream()) {
            assertThat(answer.contentType()).as("content type of %s", answer).startsWith("text/event-stream");
            assertThat(surface().grammar(answer.body())).as("%s stream grammar of %s", surface(), answer.body()).isEmpty();
            seen = surface().seen(answer.body());
            assertThat(seen.problems()).as("problems in %s", answer.body()).isEmpty();
            assertThat(seen.terminated()).as("%s terminator in %s", surface(), answer.body()).isTrue();
        } else {
            assertThat(answer.contentType()).as("content type of %s", answer).startsWith("application/json");
            seen = surface().seen(answer.json());
        }
        agrees(sdks.read(surface(), answer, mode()), seen, answer);
        return new Answered(exchange, seen);
    }

    /** The SDK read what the raw reading read. */
    private void agrees(SdkView sdk, Seen seen, Answer answer) {
        assertThat(sdk.failure()).as("%s SDK error on %s", surface(), answer).isEmpty();
        JsonNode message = seen.message();
        assertThat(sdk.text()).as("text the SDK read").isEqualTo(surface().text(message));
        List<ToolCall> calls = surface().toolCalls(message);
        assertThat(sdk.calls()).as("calls the SDK read").isEqualTo(calls);
        assertThat(sdk.thinking()).as("thinking the SDK read").isEqualTo(surface().thinking(message));
        assertThat(sdk.stop()).as("stop reason the SDK read").isEqualTo(seen.stop());
        seen.usage().ifPresent(usage -> assertThat(sdk.usage()).as("usage the SDK read").contains(usage));
    }

    /** The vectors the surface's SDK reads from an embeddings answer. */
    List<List<Float>> sdkEmbeddings(Answer answer) {
        return sdks.embeddings(surface(), answer);
    }

    /** An error the caller must get before any answer: its status and shape, and the SDK's typed error. */
    CallerError failed(Answer answer, int status) {
        assertThat(answer.status()).as("status of %s", answer).isEqualTo(status);
        assertThat(answer.contentType()).as("content type of %s", answer).startsWith("application/json");
        CallerError error = surface().error(answer.json());
        SdkView sdk = sdks.read(surface(), answer, mode());
        assertThat(sdk.failure()).as("%s SDK reading %s", surface(), answer).isPresent();
        assertThat(sdk.failure().get().status()).as("status the SDK read").isEqualTo(status);
        assertThat(sdk.failure().get().message()).as("message the SDK read").contains(error.message());
        return error;
    }

    /** A stream that began and then failed: the error event in the caller's shape, and the SDK raising it. */
    Seen failedMidStream(Answer answer) {
        assertThat(answer.status()).as("status of %s", answer).isEqualTo(200);
        assertThat(answer.contentType()).as("content type of %s", answer).startsWith("text/event-stream");
        assertThat(surface().grammar(answer.body())).as("%s stream grammar of %s", surface(), answer.body()).isEmpty();
        Seen seen = surface().seen(answer.body());
        assertThat(seen.error()).as("error event in %s", answer.body()).isPresent();
        SdkView sdk = sdks.read(surface(), answer, mode());
        assertThat(sdk.failure()).as("%s SDK reading %s", surface(), answer.body()).isPresent();
        return seen;
    }

    /** One call: what the caller got, what the provider received, and the caller's request. */
    record Exchange(Answer answer, Recorded sent, String request) {
    }

    /** A successful call and what the caller saw of it. */
    record Answered(Exchange exchange, Seen seen) {
        Recorded sent() {
            return exchange.sent();
        }

        JsonNode message() {
            return seen.message();
        }
    }
}
