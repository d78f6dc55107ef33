package dev.switchboard.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.switchboard.access.Access;
import dev.switchboard.access.Principal;
import dev.switchboard.access.ResourceKind;
import dev.switchboard.core.GatewayException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One management operation: its HTTP method, its path below the API's prefixes (e.g.
 * {@code secrets/create}), what it requires of the caller, and what it does. The result is
 * serialised as the JSON response body. A route naming a resource ({@link Access.OnResource}) finds
 * its id in the request field of the resource's kind, or with {@code resourceId} when the request
 * may name it otherwise (by name, say).
 */
public record AdminRoute(String method, String path, Base base, Access access,
                         ResourceId resourceId,
                         Function<AdminRequest, Object> operation) {

    /** Where a route's path is mounted: MLflow's gateway API, or MLflow's own (its users). */
    public enum Base {
        GATEWAY(List.of("/api/3.0/mlflow/gateway/", "/ajax-api/3.0/mlflow/gateway/")),
        MLFLOW(List.of("/api/2.0/mlflow/", "/ajax-api/2.0/mlflow/"));

        private final List<String> prefixes;

        Base(List<String> prefixes) {
            this.prefixes = prefixes;
        }

        public List<String> prefixes() {
            return prefixes;
        }
    }

    /** Finds the id of the resource a request names. */
    @FunctionalInterface
    public interface ResourceId {
        /** The request field of the resource's kind (e.g. {@code endpoint_id}). */
        ResourceId FIELD = (request, kind) -> request.fields().optionalString(kind.idField());

        Optional<String> of(AdminRequest request, ResourceKind kind);
    }

    /** A gateway route whose resource, if any, is named by its kind's id field. */
    public AdminRoute(String method, String path, Access access, Function<AdminRequest, Object> operation) {
        this(method, path, Base.GATEWAY, access, ResourceId.FIELD, operation);
    }

    /** A gateway route on a resource the request may also name otherwise. */
    public AdminRoute(String method, String path, Access access, ResourceId resourceId,
                      Function<AdminRequest, Object> operation) {
        this(method, path, Base.GATEWAY, access, resourceId, operation);
    }

    /**
     * A response that is not JSON (a CSV export): its media type, the file name it is downloaded as,
     * and its bytes.
     */
    public record Download(String contentType, String fileName, byte[] body) {
    }

    /** A response: its media type, the file name when it is a download, and its bytes. */
    public record Answer(String contentType, Optional<String> fileName, byte[] body) {
    }

    /** Checks what the route requires, runs the operation and returns the JSON response body. */
    public byte[] invoke(AdminRequest request) {
        return answer(request).body();
    }

    /** Checks what the route requires, runs the operation and returns its answer: JSON, or a download. */
    public Answer answer(AdminRequest request) {
        switch (access) {
            case Access.Public open -> {
                // nothing to check
            }
            case Access.SignedIn signedIn -> {
                if (!signedIn.keys() && request.principal() instanceof Principal.Key) {
                    throw new GatewayException.Forbidden("Permission denied: " + path + " cannot be called with a "
                            + "gateway key; sign in, or send your user name and password");
                }
            }
            case Access.Admin admin -> request.principal().requireAdmin("call " + path);
            case Access.OnResource on -> resourceId.of(request, on.kind())
                    .ifPresent(id -> request.principal().require(on.kind(), id, on.capability()));
        }
        Object result = operation.apply(request);
        if (result instanceof Download download) {
            return new Answer(download.contentType(), Optional.of(download.fileName()), download.body());
        }
        try {
            return new Answer("application/json", Optional.empty(), AdminJson.MAPPER.writeValueAsBytes(result));
        } catch (JsonProcessingException e) {
            throw new GatewayException.Internal("Could not serialise the response", e);
        }
    }
}
