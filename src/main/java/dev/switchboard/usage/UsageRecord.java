package dev.switchboard.usage;

import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Usage;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One call as the gateway records it: when it arrived, the route and its surface, the endpoint
 * (empty when the request named none that exists), the target that served it or last failed it,
 * the caller, the final status and the failure's class and message, whether it streamed (and was
 * cut after it started), how many attempts it took, how long it took in all, to the answer's first
 * byte (a stream's first event) and in the gateway itself, the tokens the provider reported, and
 * what they cost at the catalog's prices (with the prices used). {@code tracked} is the endpoint's
 * {@code usage_tracking}: an untracked call is counted in metrics but not stored.
 */
public record UsageRecord(long startedAtMillis, String route, String surface, String endpointId, String endpointName,
                          boolean tracked, String provider, String model, CallerRef caller, int status,
                          Optional<String> errorClass, Optional<String> errorMessage, boolean stream,
                          boolean streamFailed, int attempts, long durationNanos, OptionalLong firstByteNanos,
                          long overheadNanos, Usage usage, Optional<Price> price, Optional<BigDecimal> cost) {

    /** The longest error message kept with a call. */
    public static final int MAX_ERROR_MESSAGE = 500;

    public UsageRecord {
        errorMessage = errorMessage.map(m -> m.length() > MAX_ERROR_MESSAGE ? m.substring(0, MAX_ERROR_MESSAGE) : m);
    }

    /** Who made a call: a user, a gateway key (named with its owner), or nobody known (auth off). */
    public record CallerRef(Kind kind, String id, String name) {
        public static final CallerRef NONE = new CallerRef(Kind.NONE, "", "");

        public enum Kind {
            USER("user"), KEY("key"), NONE("none");

            private final String label;

            Kind(String label) {
                this.label = label;
            }

            /** As the usage API names it. */
            public String label() {
                return label;
            }
        }
    }

    /** Whether the call failed: a status other than 2xx, or a stream cut after it started. */
    public boolean error() {
        return status < 200 || status >= 300 || streamFailed;
    }

    /** {@code provider/model}, or empty when no target was tried. */
    public String target() {
        return provider.isEmpty() ? "" : provider + "/" + model;
    }

    /** A failure's kind as records and traces name it: its class in snake case ({@code upstream_timeout}). */
    public static String errorClassOf(GatewayException failure) {
        String name = failure.getClass().getSimpleName();
        StringBuilder snake = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                snake.append('_');
            }
            snake.append(Character.toLowerCase(c));
        }
        return snake.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * The surface a route belongs to, from its path: {@code openai}, {@code anthropic}, {@code gemini},
     * {@code mlflow} or {@code proxy}.
     */
    public static String surfaceOf(String route) {
        if (route.startsWith("/gateway/proxy/")) {
            return "proxy";
        }
        if (route.contains("/mlflow/")) {
            return "mlflow";
        }
        for (String surface : new String[] {"openai", "anthropic", "gemini"}) {
            if (route.startsWith("/gateway/" + surface + "/")) {
                return surface;
            }
        }
        return "other";
    }
}
