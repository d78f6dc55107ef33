package dev.switchboard.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.conformance.Cases.CallerError;
import dev.switchboard.conformance.ConformanceGateway.Answer;
import dev.switchboard.conformance.Run.Exchange;
import java.util.List;
import java.util.Map;

/**
 * The check of embeddings: a batch of inputs reaches the provider, and its vectors come back in
 * order, as the surface's SDK (openai-java, google-genai) reads them too; where the provider has
 * none, a clear error in the caller's shape. Anthropic's API has no embeddings.
 */
final class Embeddings {

    private static final int DIMS = 3;

    private Embeddings() {
    }

    static void check(Run run) {
        String path = run.surface().embeddingsPath(run.kind().endpoint());
        String body = run.surface().embeddingsRequest(run.kind().endpoint(), Cases.EMBEDDING_INPUTS);
        if (run.declared().verdict() == Verdict.UNSUPPORTED) {
            Refusal refusal = run.declared().refusal().orElseThrow();
            Answer answer = run.refusedCall(path, body);
            CallerError error = run.failed(answer, refusal.status);
            assertThat(error.message()).contains(refusal.message);
            return;
        }
        Exchange exchange = run.call(path, body, Map.of(), run.kind().embeddings(Cases.EMBEDDING_INPUTS.size(), DIMS));

        run.kind().assertWellFormed(exchange.sent());
        assertThat(exchange.sent().path()).isEqualTo(run.kind().embeddingsPath());
        assertThat(run.kind().embeddingInputs(exchange.sent())).isEqualTo(Cases.EMBEDDING_INPUTS);
        assertThat(exchange.answer().status()).as("status of %s", exchange.answer()).isEqualTo(200);
        List<List<Double>> vectors = run.surface().vectors(exchange.answer().json());
        assertThat(vectors).hasSize(Cases.EMBEDDING_INPUTS.size()).allSatisfy(vector -> assertThat(vector).hasSize(DIMS));
        assertThat(vectors.get(0)).isNotEqualTo(vectors.get(1));
        assertThat(run.sdkEmbeddings(exchange.answer())).as("vectors the SDK read")
                .isEqualTo(vectors.stream().map(vector -> vector.stream().map(Double::floatValue).toList()).toList());
    }
}
