package dev.switchboard.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.conformance.SseFrames.Frame;
import java.util.ArrayList;
import java.util.List;

/**
 * Gemini's stream, as {@code streamGenerateContent?alt=sse} sends it: every event one
 * GenerateContentResponse (a candidate whose content is the model's, usage metadata), the
 * {@code finishReason} in the last event only, the last one counting the usage; no terminator
 * event. An error object ends the stream.
 */
final class GeminiStreamGrammar {

    private GeminiStreamGrammar() {
    }

    static List<String> violations(String stream) {
        List<String> violations = new ArrayList<>();
        List<Frame> frames = SseFrames.parse(stream);
        boolean finished = false;
        boolean failed = false;
        for (int i = 0; i < frames.size(); i++) {
            String data = frames.get(i).data();
            if (finished || failed) {
                violations.add("an event after the end: " + data);
                continue;
            }
            if (!data.startsWith("{")) {
                violations.add("an event that is not a JSON object: " + data);
                continue;
            }
            JsonNode response = Cases.parse(data);
            if (response.has("error")) {
                failed = true;
                continue;
            }
            JsonNode candidates = response.path("candidates");
            if (!candidates.isArray() || candidates.size() != 1) {
                violations.add("not one candidate: " + data);
                continue;
            }
            JsonNode candidate = candidates.get(0);
            JsonNode content = candidate.path("content");
            if (!content.isMissingNode() && !content.path("role").asText().equals("model")) {
                violations.add("content not the model's: " + data);
            }
            if (!content.isMissingNode() && !content.path("parts").isArray()) {
                violations.add("content without parts: " + data);
            }
            if (candidate.path("finishReason").isTextual()) {
                finished = true;
                if (!response.path("usageMetadata").isObject()) {
                    violations.add("the last event has no usageMetadata: " + data);
                }
            }
        }
        if (!finished && !failed) {
            violations.add("no event has a finishReason");
        }
        return violations;
    }
}
