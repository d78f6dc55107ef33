package dev.switchboard.config;

import java.util.UUID;

/** Identifiers in MLflow's form: a one-letter kind, a dash and 32 hex digits. */
public final class ResourceIds {

    private ResourceIds() {
    }

    public static String secret() {
        return "s-" + hex();
    }

    public static String modelDefinition() {
        return "d-" + hex();
    }

    public static String endpoint() {
        return "e-" + hex();
    }

    public static String mapping() {
        return "m-" + hex();
    }

    private static String hex() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
