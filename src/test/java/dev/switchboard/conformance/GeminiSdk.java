package dev.switchboard.conformance;

import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.errors.ApiException;
import com.google.genai.types.Candidate;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import com.google.genai.types.Part;
import dev.switchboard.conformance.Cases.Thinking;
import dev.switchboard.conformance.Cases.ToolCall;
import dev.switchboard.conformance.Cases.Usage;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * google-genai reading an answer: {@code models.generateContent}, or {@code generateContentStream}
 * with its chunks' parts put together in order, as Gemini asks callers to keep them. The SDK
 * decodes thought signatures to bytes; they are read back as base64.
 */
final class GeminiSdk {

    private final Client client;

    GeminiSdk(String baseUrl) {
        // No status is retried: with only attempts(1), the SDK still waits out a backoff on a 429 or 503.
        client = Client.builder().apiKey("not-needed").httpOptions(HttpOptions.builder().baseUrl(baseUrl)
                .retryOptions(HttpRetryOptions.builder().attempts(1).httpStatusCodes(List.of()).build()).build()).build();
    }

    SdkView read(Mode mode) {
        try {
            if (!mode.stream()) {
                GenerateContentResponse response = client.models.generateContent("m", "Hi", null);
                return view(List.of(response));
            }
            List<GenerateContentResponse> chunks = new ArrayList<>();
            try (ResponseStream<GenerateContentResponse> stream = client.models.generateContentStream("m", "Hi", null)) {
                stream.forEach(chunks::add);
            }
            return view(chunks);
        } catch (ApiException e) {
            return SdkView.failed(e.status(), e.code(), e.message());
        }
    }

    /** The vectors of an embeddings answer ({@code models.embedContent} of two texts), as the SDK types them. */
    List<List<Float>> embeddings() {
        return client.models.embedContent("m", List.of("a", "b"), null).embeddings().orElseThrow().stream()
                .map(embedding -> embedding.values().orElseThrow()).toList();
    }

    private static SdkView view(List<GenerateContentResponse> chunks) {
        StringBuilder text = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        List<Thinking> thinking = new ArrayList<>();
        StringBuilder thought = null;
        Optional<String> signature = Optional.empty();
        String stop = "";
        Optional<Usage> usage = Optional.empty();
        for (GenerateContentResponse chunk : chunks) {
            Optional<Candidate> candidate = chunk.candidates().flatMap(list -> list.stream().findFirst());
            for (Part part : candidate.flatMap(Candidate::content).flatMap(c -> c.parts()).orElse(List.of())) {
                if (part.thought().orElse(false)) {
                    thought = thought == null ? new StringBuilder() : thought;
                    thought.append(part.text().orElse(""));
                    Optional<String> signed = part.thoughtSignature().map(Base64.getEncoder()::encodeToString);
                    signature = signed.isPresent() ? signed : signature;
                    continue;
                }
                if (thought != null) {
                    thinking.add(new Thinking(thought.toString(), signature));
                    thought = null;
                    signature = Optional.empty();
                }
                part.text().ifPresent(text::append);
                part.functionCall().ifPresent(call -> calls.add(new ToolCall(call.id().orElse(""),
                        call.name().orElse(""), Cases.JSON.valueToTree(call.args().orElse(Map.of())))));
            }
            stop = candidate.flatMap(Candidate::finishReason).map(Object::toString).orElse(stop);
            if (chunk.usageMetadata().isPresent()) {
                var u = chunk.usageMetadata().get();
                int thoughts = u.thoughtsTokenCount().orElse(0);
                usage = Optional.of(new Usage(u.promptTokenCount().orElse(0) + u.toolUsePromptTokenCount().orElse(0),
                        u.candidatesTokenCount().orElse(0) + thoughts, u.cachedContentTokenCount().orElse(0), 0,
                        thoughts));
            }
        }
        if (thought != null) {
            thinking.add(new Thinking(thought.toString(), signature));
        }
        return new SdkView(text.toString(), calls, thinking, stop, usage, Optional.empty());
    }
}
