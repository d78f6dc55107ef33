package dev.switchboard.access;

/**
 * The kinds of resource permissions are given on, with the names MLflow's permission routes use:
 * the path segment, the request field naming the resource, and the key of the answer.
 */
public enum ResourceKind {
    ENDPOINT("endpoint", "endpoints", "endpoint_id", "gateway_endpoint_permission", "endpoint"),
    SECRET("secret", "secrets", "secret_id", "gateway_secret_permission", "API key"),
    MODEL_DEFINITION("model_definition", "model-definitions", "model_definition_id",
            "gateway_model_definition_permission", "model definition");

    private final String stored;
    private final String pathSegment;
    private final String idField;
    private final String answerKey;
    private final String noun;

    ResourceKind(String stored, String pathSegment, String idField, String answerKey, String noun) {
        this.stored = stored;
        this.pathSegment = pathSegment;
        this.idField = idField;
        this.answerKey = answerKey;
        this.noun = noun;
    }

    /** The value of the {@code resource_type} column. */
    public String stored() {
        return stored;
    }

    /** The management API's path segment, e.g. {@code model-definitions}. */
    public String pathSegment() {
        return pathSegment;
    }

    /** The request field that names a resource of this kind, e.g. {@code endpoint_id}. */
    public String idField() {
        return idField;
    }

    /** The key of a permission in MLflow's answers, e.g. {@code gateway_endpoint_permission}. */
    public String answerKey() {
        return answerKey;
    }

    /** The kind's name in messages for people. */
    public String noun() {
        return noun;
    }

    public static ResourceKind ofStored(String stored) {
        for (ResourceKind kind : values()) {
            if (kind.stored.equals(stored)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("Unknown resource type " + stored);
    }
}
