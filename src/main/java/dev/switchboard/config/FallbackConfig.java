package dev.switchboard.config;

/** The fallback policy of an endpoint: try FALLBACK mappings in order, at most {@code maxAttempts} of them. */
public record FallbackConfig(String strategy, int maxAttempts) {

    public static final String SEQUENTIAL = "SEQUENTIAL";
}
