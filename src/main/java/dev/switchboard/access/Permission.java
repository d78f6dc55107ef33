package dev.switchboard.access;

import dev.switchboard.core.GatewayException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A user's level on one resource, with MLflow's names: each level can do what the one before it
 * can, and more. USE is what invoking an endpoint needs; NO_PERMISSIONS can do nothing.
 */
public enum Permission {
    NO_PERMISSIONS,
    READ,
    USE,
    EDIT,
    MANAGE;

    /** Whether this level allows {@code capability}. */
    public boolean allows(Capability capability) {
        return ordinal() >= capability.least().ordinal();
    }

    /** Parses a level by its MLflow name; anything else is a 400 naming the levels. */
    public static Permission parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new GatewayException.InvalidRequest("Invalid permission '" + name + "': use one of "
                    + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }
}
