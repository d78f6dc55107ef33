package dev.switchboard.api.gemini;

import dev.switchboard.core.GatewayException;
import java.util.Arrays;
import java.util.List;

/**
 * The methods the Gemini surface serves on {@code models/{endpoint}:method}, by Google's names. A
 * model in the surface's lists names them in {@code supportedGenerationMethods}, except
 * {@code streamGenerateContent}, which Google's own lists leave implied by {@code generateContent}.
 */
public enum GeminiMethod {
    GENERATE_CONTENT("generateContent", true),
    STREAM_GENERATE_CONTENT("streamGenerateContent", false),
    EMBED_CONTENT("embedContent", true),
    BATCH_EMBED_CONTENTS("batchEmbedContents", true),
    COUNT_TOKENS("countTokens", true);

    /** The methods a model lists as supported. */
    public static final List<String> LISTED = Arrays.stream(values()).filter(m -> m.listed).map(m -> m.wireName)
            .toList();

    private final String wireName;
    private final boolean listed;

    GeminiMethod(String wireName, boolean listed) {
        this.wireName = wireName;
        this.listed = listed;
    }

    /**
     * The method after the last {@code :} of a path's {@code models/{spec}}; a method the surface
     * does not serve (or none) is a 404, as in Google's API.
     */
    public static GeminiMethod of(String spec) {
        int colon = spec.lastIndexOf(':');
        String method = colon < 0 ? "" : spec.substring(colon + 1);
        for (GeminiMethod candidate : values()) {
            if (candidate.wireName.equals(method)) {
                return candidate;
            }
        }
        throw new GatewayException.RouteNotFound("/gateway/gemini/v1beta/models/" + spec + " (supported: "
                + String.join(", ", Arrays.stream(values()).map(m -> ":" + m.wireName).toList()) + ")");
    }
}
