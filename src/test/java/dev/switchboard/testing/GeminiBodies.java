package dev.switchboard.testing;

import java.util.ArrayList;
import java.util.List;

/** Gemini generateContent bodies and stream chunks, as Google's API documents them, for fake upstreams. */
public final class GeminiBodies {

    private GeminiBodies() {
    }

    public static String response(String text, int promptTokens, int candidateTokens) {
        return """
                {"candidates": [{"content": {"parts": [{"text": "%s"}], "role": "model"}, "finishReason": "STOP",
                  "index": 0}],
                 "usageMetadata": {"promptTokenCount": %d, "candidatesTokenCount": %d, "totalTokenCount": %d},
                 "modelVersion": "gemini-2.5-flash", "responseId": "mAitaLmkHPPlz7IPvtfUqQ4"}"""
                .formatted(text, promptTokens, candidateTokens, promptTokens + candidateTokens);
    }

    /** The data of each event of a streamed answer: one chunk per piece, the last with finishReason. */
    public static List<String> stream(List<String> pieces) {
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            boolean last = i == pieces.size() - 1;
            chunks.add("{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"" + pieces.get(i)
                    + "\"}],\"role\": \"model\"}" + (last ? ",\"finishReason\": \"STOP\"" : "") + ",\"index\": 0}],"
                    + "\"usageMetadata\": {\"promptTokenCount\": 8, \"candidatesTokenCount\": " + (i + 1)
                    + ", \"totalTokenCount\": " + (9 + i) + "},\"modelVersion\": \"gemini-2.5-flash\"}");
        }
        return chunks;
    }

    /** A batchEmbedContents answer of {@code count} embeddings of {@code dims} small, distinct values. */
    public static String embeddings(int count, int dims) {
        StringBuilder body = new StringBuilder("{\"embeddings\": [");
        for (int i = 0; i < count; i++) {
            body.append(i == 0 ? "" : ", ").append("{\"values\": [");
            for (int j = 0; j < dims; j++) {
                body.append(j == 0 ? "" : ", ").append((i + 1) / 10.0 + j / 1000.0);
            }
            body.append("]}");
        }
        return body.append("]}").toString();
    }

    /** A countTokens answer. */
    public static String tokenCount(int totalTokens) {
        return "{\"totalTokens\": " + totalTokens + ", \"promptTokensDetails\": [{\"modality\": \"TEXT\", "
                + "\"tokenCount\": " + totalTokens + "}]}";
    }

    public static String error(int code, String status, String message) {
        return "{\"error\": {\"code\": " + code + ", \"message\": \"" + message + "\", \"status\": \"" + status + "\"}}";
    }
}
