package dev.switchboard.config;

import dev.switchboard.core.GatewayException;
import java.util.Optional;

/** A look-up of a resource by id or by name, and how to name it in a not-found message. */
record Lookup(boolean byId, String value) {

    static Lookup byId(String id) {
        return new Lookup(true, id);
    }

    static Lookup byName(String name) {
        return new Lookup(false, name);
    }

    /** MLflow's get-by-id-or-name rule: exactly one of the two must be given. */
    static Lookup exactlyOne(String idField, Optional<String> id, String nameField, Optional<String> name) {
        if (id.isPresent() == name.isPresent()) {
            throw new GatewayException.InvalidRequest(
                    "Exactly one of " + idField + " or " + nameField + " must be provided");
        }
        return id.map(Lookup::byId).orElseGet(() -> Lookup.byName(name.orElseThrow()));
    }

    String describe(String idField, String nameField) {
        return (byId ? idField : nameField) + "='" + value + "'";
    }
}
