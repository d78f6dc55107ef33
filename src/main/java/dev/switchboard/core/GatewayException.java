package dev.switchboard.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one family of failures the gateway reports to callers. Each kind carries its HTTP status and
 * MLflow error code; the server maps it to the error shape of the surface that was called, so
 * messages must be safe to show (never a secret, never a request body).
 */
public abstract sealed class GatewayException extends RuntimeException {

    private final int status;
    private final String errorCode;

    private GatewayException(int status, String errorCode, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
    }

    /** HTTP status to answer with. */
    public int status() {
        return status;
    }

    /** MLflow-style error code, e.g. {@code RESOURCE_DOES_NOT_EXIST}. */
    public String errorCode() {
        return errorCode;
    }

    /** Whether another target may succeed where this one failed. */
    public boolean retryable() {
        return false;
    }

    /** Headers the gateway's own answer to this failure carries, e.g. {@code retry-after}. */
    public Map<String, String> headers() {
        return Map.of();
    }

    /** The caller sent something malformed or invalid. */
    public static final class InvalidRequest extends GatewayException {
        public InvalidRequest(String message) {
            super(400, "INVALID_PARAMETER_VALUE", message, null);
        }
    }

    /**
     * The target cannot do what the caller asked (embeddings from a chat-only provider): a 400 when
     * no target of the endpoint can, but another target is tried first.
     */
    public static final class Unsupported extends GatewayException {
        public Unsupported(String message) {
            super(400, "INVALID_PARAMETER_VALUE", message, null);
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /** A named or identified resource does not exist. */
    public static final class NotFound extends GatewayException {
        public NotFound(String message) {
            super(404, "RESOURCE_DOES_NOT_EXIST", message, null);
        }
    }

    /** A resource with that unique name already exists (MLflow answers 400). */
    public static final class AlreadyExists extends GatewayException {
        public AlreadyExists(String message) {
            super(400, "RESOURCE_ALREADY_EXISTS", message, null);
        }
    }

    /** The request is valid but the current state forbids it (e.g. deleting a definition in use). */
    public static final class InvalidState extends GatewayException {
        public InvalidState(String message) {
            super(400, "INVALID_STATE", message, null);
        }
    }

    /** The request body is larger than the route accepts. */
    public static final class PayloadTooLarge extends GatewayException {
        public PayloadTooLarge(long limitBytes) {
            super(413, "REQUEST_LIMIT_EXCEEDED",
                    "Request body exceeds the limit of " + limitBytes + " bytes", null);
        }
    }

    /** The request body is not in a media type the route reads (every route reads JSON). */
    public static final class UnsupportedMediaType extends GatewayException {
        public UnsupportedMediaType(String message) {
            super(415, "BAD_REQUEST", message, null);
        }
    }

    /** The request names a host the gateway does not answer to (a defence against DNS rebinding). */
    public static final class MisdirectedRequest extends GatewayException {
        public MisdirectedRequest(String message) {
            super(421, "BAD_REQUEST", message, null);
        }
    }

    /** The request carries no valid credentials: sign in, or send a password or a gateway key (MLflow's 401). */
    public static final class Unauthenticated extends GatewayException {
        public Unauthenticated(String message) {
            super(401, "UNAUTHENTICATED", message, null);
        }
    }

    /** Too many attempts (e.g. failed sign-ins) from this caller; {@link #retryAfterSeconds()} says when to retry. */
    public static sealed class TooManyRequests extends GatewayException permits BudgetExceeded, RateLimited {
        private final long retryAfterSeconds;

        public TooManyRequests(String message, long retryAfterSeconds) {
            super(429, "REQUEST_LIMIT_EXCEEDED", message, null);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("retry-after", Long.toString(retryAfterSeconds));
        }
    }

    /**
     * A budget with the REJECT action has reached its amount in its current window (MLflow's 429).
     * The caller's SDK is told not to retry ({@code x-should-retry: false}): the window ends
     * {@link #retryAfterSeconds()} from now, not in the seconds an SDK waits.
     */
    public static final class BudgetExceeded extends TooManyRequests {
        public BudgetExceeded(String message, long retryAfterSeconds) {
            super(message, retryAfterSeconds);
        }

        @Override
        public Map<String, String> headers() {
            return Map.of("retry-after", Long.toString(retryAfterSeconds()), "x-should-retry", "false");
        }
    }

    /**
     * A rate limit has no request or token left in the sliding minute. SDKs retry after
     * {@link #retryAfterSeconds()}; each surface adds its own rate-limit headers from {@link #requests()}
     * and {@link #tokens()}.
     */
    public static final class RateLimited extends TooManyRequests {
        private final Optional<Quota> requests;
        private final Optional<Quota> tokens;

        /** A limit per minute, what is left of it, and in how many milliseconds it {@linkplain #resetMillis resets}. */
        public record Quota(long limit, long remaining, long resetMillis) {
        }

        public RateLimited(String message, long retryAfterSeconds, Optional<Quota> requests, Optional<Quota> tokens) {
            super(message, retryAfterSeconds);
            this.requests = requests;
            this.tokens = tokens;
        }

        /** The limit's requests, if it limits them. */
        public Optional<Quota> requests() {
            return requests;
        }

        /** The limit's tokens, if it limits them. */
        public Optional<Quota> tokens() {
            return tokens;
        }
    }

    /** The caller may not make this request, e.g. a web page of another origin changing the gateway. */
    public static final class Forbidden extends GatewayException {
        public Forbidden(String message) {
            super(403, "PERMISSION_DENIED", message, null);
        }
    }

    /** The path exists but not for this HTTP method. */
    public static final class MethodNotAllowed extends GatewayException {
        public MethodNotAllowed(String method, String path) {
            super(405, "BAD_REQUEST", "Method " + method + " is not allowed on " + path, null);
        }
    }

    /** No route matches the path. */
    public static final class RouteNotFound extends GatewayException {
        public RouteNotFound(String path) {
            super(404, "ENDPOINT_NOT_FOUND", "No API route matches " + path, null);
        }
    }

    /** A request the caller may not make in this form, e.g. a {@code model} field on a per-endpoint route (MLflow's 422). */
    public static final class Unprocessable extends GatewayException {
        public Unprocessable(String message) {
            super(422, "INVALID_PARAMETER_VALUE", message, null);
        }
    }

    /** The endpoint exists but none of its targets can be called (e.g. every model definition is orphaned). */
    public static final class NoUsableTarget extends GatewayException {
        public NoUsableTarget(String message) {
            super(503, "TEMPORARILY_UNAVAILABLE", message, null);
        }

        /** A misconfigured target should not stop the fallbacks from serving. */
        @Override
        public boolean retryable() {
            return true;
        }
    }

    /**
     * A provider answered with an error status. {@code upstreamBody} is the provider's error body,
     * relayed only to a caller that speaks {@code format}, the provider's. Make one only from an answer whose
     * keys were masked, in the body and the message (as the provider layer does), since both reach
     * callers and logs.
     */
    public static final class Upstream extends GatewayException {
        /** The headers every caller gets back from a provider's error, whatever its format. */
        public static final Set<String> RETRY_HEADERS = Set.of("retry-after", "retry-after-ms");

        private final WireFormat format;
        private final byte[] upstreamBody;
        private final String upstreamContentType;
        private final Map<String, String> headers;

        /**
         * {@code headers}: the provider's response headers its format relays ({@link
         * WireFormat#relaysHeader}), by lower-case name, keys already masked.
         */
        public Upstream(int status, String message, WireFormat format, byte[] upstreamBody,
                        String upstreamContentType, Map<String, String> headers) {
            super(status, codeFor(status), message, null);
            this.format = format;
            this.upstreamBody = upstreamBody.clone();
            this.upstreamContentType = upstreamContentType;
            this.headers = Map.copyOf(headers);
        }

        public Upstream(int status, String message, WireFormat format, byte[] upstreamBody,
                        String upstreamContentType) {
            this(status, message, format, upstreamBody, upstreamContentType, Map.of());
        }

        /**
         * The provider's headers to send a caller of {@code callerFormat} with this error: all the
         * provider's format relays when the caller speaks it too, else only {@code retry-after}.
         */
        public Map<String, String> headersFor(WireFormat callerFormat) {
            return callerFormat == format ? headers : retryHeaders();
        }

        /** The provider's {@code retry-after} and {@code retry-after-ms} headers, if it sent them. */
        public Map<String, String> retryHeaders() {
            Map<String, String> retry = new LinkedHashMap<>();
            headers.forEach((name, value) -> {
                if (RETRY_HEADERS.contains(name)) {
                    retry.put(name, value);
                }
            });
            return retry;
        }

        /**
         * The provider's raw error body when the provider speaks {@code callerFormat}, for relaying
         * to that caller as it came; a caller of another format gets the error in its own shape.
         */
        public Optional<byte[]> upstreamBodyFor(WireFormat callerFormat) {
            return callerFormat == format ? Optional.of(upstreamBody.clone()) : Optional.empty();
        }

        public String upstreamContentType() {
            return upstreamContentType;
        }

        @Override
        public boolean retryable() {
            return status() == 408 || status() == 429 || status() >= 500;
        }

        private static String codeFor(int status) {
            return switch (status) {
                case 400, 422 -> "INVALID_PARAMETER_VALUE";
                case 401, 403 -> "PERMISSION_DENIED";
                case 404 -> "RESOURCE_DOES_NOT_EXIST";
                case 429 -> "REQUEST_LIMIT_EXCEEDED";
                default -> status >= 500 ? "TEMPORARILY_UNAVAILABLE" : "BAD_REQUEST";
            };
        }
    }

    /** The provider could not be reached, or broke the connection, or sent something unreadable. */
    public static final class UpstreamUnavailable extends GatewayException {
        public UpstreamUnavailable(String message, Throwable cause) {
            super(502, "TEMPORARILY_UNAVAILABLE", message, cause);
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /** The provider did not answer within a timeout (connect, first byte, or idle between events). */
    public static final class UpstreamTimeout extends GatewayException {
        public UpstreamTimeout(String message) {
            super(504, "TEMPORARILY_UNAVAILABLE", message, null);
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /** Every attempt of the routing plan failed; the message names each attempt and why. */
    public static final class AllAttemptsFailed extends GatewayException {
        public AllAttemptsFailed(int status, String message) {
            super(status, status == 429 ? "REQUEST_LIMIT_EXCEEDED" : "TEMPORARILY_UNAVAILABLE", message, null);
        }
    }

    /** The request's own {@code Via} entry came back: the gateway would call itself, or too many gateways are chained. */
    public static final class LoopDetected extends GatewayException {
        public LoopDetected(String message) {
            super(508, "INVALID_STATE", message, null);
        }
    }

    /** The caller did not send its request body within the time allowed. */
    public static final class RequestTimeout extends GatewayException {
        public RequestTimeout(String message) {
            super(408, "DEADLINE_EXCEEDED", message, null);
        }
    }

    /** The request line is longer than the server reads. */
    public static final class UriTooLong extends GatewayException {
        public UriTooLong(int limitBytes) {
            super(414, "REQUEST_LIMIT_EXCEEDED", "The request line is longer than the limit of " + limitBytes
                    + " bytes; send long data in the body", null);
        }
    }

    /** The gateway is at a limit it shares among callers (e.g. the memory for request bodies); retry shortly. */
    public static final class Busy extends GatewayException {
        public Busy(String message) {
            super(503, "TEMPORARILY_UNAVAILABLE", message, null);
        }
    }

    /**
     * The gateway is shutting down: a call that arrives while it drains, or one still running when
     * the drain's time is up. No other target is tried.
     */
    public static final class ShuttingDown extends GatewayException {
        public ShuttingDown(String message) {
            super(503, "TEMPORARILY_UNAVAILABLE", message, null);
        }
    }

    /**
     * The caller hung up before the answer: nothing is sent, and no other target is tried. The status
     * (nginx's 499) is only what metrics record.
     */
    public static final class CallerGone extends GatewayException {
        public CallerGone() {
            super(499, "CANCELLED", "The caller closed the connection", null);
        }
    }

    /** Something failed inside the gateway; the message is generic and the cause is logged. */
    /** The database does not answer: changes are refused (503) until it does; calls are still served. */
    public static final class DatabaseUnavailable extends GatewayException {
        public DatabaseUnavailable(String message, Throwable cause) {
            super(503, "TEMPORARILY_UNAVAILABLE", message, cause);
        }
    }

    public static final class Internal extends GatewayException {
        public Internal(String message, Throwable cause) {
            super(500, "INTERNAL_ERROR", message, cause);
        }
    }
}
