package dev.switchboard.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.switchboard.core.GatewayException;
import java.util.function.Function;

/**
 * One management operation: its HTTP method, its path below the API prefix (e.g.
 * {@code secrets/create}) and what it does. The result is serialised as the JSON response body.
 */
public record AdminRoute(String method, String path, Function<AdminRequest, Object> operation) {

    /** Runs the operation and returns the JSON response body. */
    public byte[] invoke(AdminRequest request) {
        Object result = operation.apply(request);
        try {
            return AdminJson.MAPPER.writeValueAsBytes(result);
        } catch (JsonProcessingException e) {
            throw new GatewayException.Internal("Could not serialise the response", e);
        }
    }
}
