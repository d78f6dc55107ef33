package dev.switchboard.telemetry;

import java.util.Locale;
import java.util.Optional;

/** What a call asks for, named as the GenAI semantic conventions' {@code gen_ai.operation.name}. */
public enum Operation {
    CHAT("chat"),
    EMBEDDINGS("embeddings"),
    /** Not in the conventions, which have no name for counting a prompt's tokens. */
    COUNT_TOKENS("count_tokens");

    private final String semconvName;

    Operation(String semconvName) {
        this.semconvName = semconvName;
    }

    /** The value of {@code gen_ai.operation.name}, and the first word of a span's name. */
    public String semconvName() {
        return semconvName;
    }

    /**
     * The operation a raw proxy call to {@code /gateway/proxy/{endpoint}/{path}} asks for, as far as
     * the provider's {@code path} tells (the proxy reads no body): the providers' usual paths for
     * chat, embeddings and token counts; empty for any other. The endpoint's name is skipped, so an
     * endpoint called "embedder" makes no call an embedding.
     */
    static Optional<Operation> ofProxyPath(String gatewayPath) {
        int endpointStart = gatewayPath.indexOf('/', "/gateway/".length()) + 1;
        int providerPath = endpointStart == 0 ? -1 : gatewayPath.indexOf('/', endpointStart);
        if (providerPath < 0) {
            return Optional.empty();
        }
        String lower = gatewayPath.substring(providerPath).toLowerCase(Locale.ROOT);
        if (lower.contains("count_tokens") || lower.contains(":counttokens")) {
            return Optional.of(COUNT_TOKENS);
        }
        if (lower.contains("embed")) {
            return Optional.of(EMBEDDINGS);
        }
        if (lower.endsWith("/chat/completions") || lower.endsWith("/messages") || lower.endsWith("/responses")
                || lower.endsWith("/chat") || lower.contains("generatecontent")) {
            return Optional.of(CHAT);
        }
        return Optional.empty();
    }
}
