package dev.switchboard.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.access.Principal;
import dev.switchboard.core.GatewayException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One management call, independent of the HTTP server: its query parameters and its JSON body.
 * Fields are read from the body first, then from the query string (MLflow clients send GET
 * parameters in the query and everything else as JSON).
 */
public record AdminRequest(Map<String, List<String>> query, ObjectNode body, Principal principal) {

    public AdminRequest {
        query = Map.copyOf(query);
    }

    /**
     * Refuses a NUL character anywhere in the query or the body: no stored field may hold one
     * (PostgreSQL's text cannot), so it is a 400 on every database rather than a 500 on one. Only the
     * top-level field is named: a nested key may be part of a secret.
     */
    private static void refuseNul(Map<String, List<String>> query, ObjectNode body) {
        query.forEach((name, values) -> {
            if (name.indexOf('\0') >= 0 || values.stream().anyMatch(v -> v.indexOf('\0') >= 0)) {
                throw nul(name.indexOf('\0') >= 0 ? "a query parameter" : "parameter '" + name + "'");
            }
        });
        for (var field : body.properties()) {
            if (field.getKey().indexOf('\0') >= 0) {
                throw nul("a field name of the body");
            }
            if (holdsNul(field.getValue())) {
                throw nul("parameter '" + field.getKey() + "'");
            }
        }
    }

    private static boolean holdsNul(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().indexOf('\0') >= 0;
        }
        for (var entry : node.properties()) {
            if (entry.getKey().indexOf('\0') >= 0 || holdsNul(entry.getValue())) {
                return true;
            }
        }
        for (JsonNode item : node.isArray() ? node : List.<JsonNode>of()) {
            if (holdsNul(item)) {
                return true;
            }
        }
        return false;
    }

    private static GatewayException nul(String where) {
        return new GatewayException.InvalidRequest("Invalid value: " + where
                + " contains a NUL character (\\u0000), which no value may hold");
    }

    /** A request made with authentication off. */
    public static AdminRequest of(Map<String, List<String>> query, byte[] body) {
        return of(query, body, Principal.OPEN);
    }

    /** Parses a request body; an empty body is an empty object. Errors never quote the body. */
    public static AdminRequest of(Map<String, List<String>> query, byte[] body, Principal principal) {
        if (body.length == 0 || new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            ObjectNode empty = AdminJson.MAPPER.createObjectNode();
            refuseNul(query, empty);
            return new AdminRequest(query, empty, principal);
        }
        JsonNode node;
        try {
            node = AdminJson.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            throw new GatewayException.InvalidRequest("Malformed JSON in request body"
                    + (location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr()));
        } catch (java.io.IOException e) {
            throw new GatewayException.InvalidRequest("Unreadable request body");
        }
        if (!(node instanceof ObjectNode object)) {
            throw new GatewayException.InvalidRequest("Request body must be a JSON object");
        }
        refuseNul(query, object);
        return new AdminRequest(query, object, principal);
    }

    /**
     * Who to record as making a change: the signed-in caller; with authentication off, what the
     * request's {@code field} (e.g. {@code created_by}) says, as MLflow records it.
     */
    public Optional<String> actor(String field) {
        return principal.actor().or(() -> fields().optionalString(field));
    }

    /** Typed, validated access to the fields of this request. */
    public RequestFields fields() {
        return new RequestFields(this);
    }
}
