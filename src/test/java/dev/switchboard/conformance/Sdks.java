package dev.switchboard.conformance;

import dev.switchboard.conformance.ConformanceGateway.Answer;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.Reply;
import java.util.List;

/**
 * The official SDKs of the surfaces, each reading a cell's answer as its users' code does: a
 * unary call or a stream through the SDK, pointed at a fake server that answers with exactly what
 * the gateway answered (status, content type, body), so the SDK's own parsing and error mapping
 * run over the gateway's bytes.
 */
final class Sdks implements AutoCloseable {

    private final FakeUpstream replay = FakeUpstream.start();
    private final OpenAiSdk openai = new OpenAiSdk(replay.baseUrl());
    private final ResponsesSdk responses = new ResponsesSdk(replay.baseUrl());
    private final AnthropicSdk anthropic = new AnthropicSdk(replay.baseUrl());
    private final GeminiSdk gemini = new GeminiSdk(replay.baseUrl());

    /** What {@code surface}'s SDK makes of {@code answer}, received for a call in {@code mode}. */
    SdkView read(Surface surface, Answer answer, Mode mode) {
        replay.setDefault(Reply.json(answer.status(), answer.body()).header("Content-Type", answer.contentType()));
        try {
            return switch (surface) {
                case OpenAiSurface s -> openai.read(mode);
                case ResponsesSurface s -> responses.read(mode);
                case AnthropicSurface s -> anthropic.read(mode);
                case GeminiSurface s -> gemini.read(mode);
            };
        } catch (RuntimeException e) {
            throw new AssertionError("the " + surface + " SDK cannot read " + answer + ": " + e, e);
        }
    }

    /** The vectors {@code surface}'s SDK reads from an embeddings {@code answer}. */
    List<List<Float>> embeddings(Surface surface, Answer answer) {
        replay.setDefault(Reply.json(answer.status(), answer.body()).header("Content-Type", answer.contentType()));
        return switch (surface) {
            case OpenAiSurface s -> openai.embeddings();
            case ResponsesSurface s -> openai.embeddings();
            case GeminiSurface s -> gemini.embeddings();
            case AnthropicSurface s -> throw new AssertionError("Anthropic's API has no embeddings");
        };
    }

    @Override
    public void close() {
        replay.close();
    }
}
