package dev.switchboard.catalog;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code auth_config} fields that decide which host a stored key is sent to: {@code api_base}
 * for every provider, and the fields a provider writes into its host name (Snowflake's account,
 * Bedrock's and SageMaker's region, Vertex AI's location, OCI's region). Changing one re-aims the
 * key, so the management API takes such a change only together with the key itself. Every config
 * field in the provider catalog is either here or in {@link #SAME_HOST}; a test keeps it so.
 */
public final class KeyDestination {

    /** Fields that choose the host the key goes to. */
    public static final Set<String> FIELDS = Set.of("api_base", "account_id", "aws_region_name", "vertex_location",
            "oci_region");

    /**
     * Catalog config fields that only change headers, query parameters, the request body or the path
     * on the provider's own host (Azure AD's tenant is a path on Microsoft's login host; an AWS role
     * is assumed at AWS's STS; Cloudflare's account and Predibase's tenant are path segments).
     */
    static final Set<String> SAME_HOST = Set.of("organization", "api_version", "api_type", "client_id", "tenant_id",
            "project_id", "space_id", "vertex_project", "aws_role_name", "aws_session_name", "oci_user",
            "oci_fingerprint", "oci_tenancy", "oci_compartment_id");

    private KeyDestination() {
    }

    /** The destination fields whose value differs between two auth_configs; a blank value counts as absent. */
    public static Set<String> changed(Map<String, Object> before, Map<String, Object> after) {
        Set<String> changed = new TreeSet<>();
        for (String field : FIELDS) {
            if (!Objects.equals(value(before.get(field)), value(after.get(field)))) {
                changed.add(field);
            }
        }
        return changed;
    }

    private static Object value(Object value) {
        return value == null || value instanceof String text && text.isBlank() ? null : value;
    }
}
