package dev.switchboard.core;

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

    /** The caller sent something malformed or invalid. */
    public static final class InvalidRequest extends GatewayException {
        public InvalidRequest(String message) {
            super(400, "INVALID_PARAMETER_VALUE", message, null);
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

    /** Something failed inside the gateway; the message is generic and the cause is logged. */
    public static final class Internal extends GatewayException {
        public Internal(String message, Throwable cause) {
            super(500, "INTERNAL_ERROR", message, cause);
        }
    }
}
