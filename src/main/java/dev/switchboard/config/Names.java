package dev.switchboard.config;

import dev.switchboard.core.GatewayException;
import java.util.regex.Pattern;

/** The rules for names users choose: endpoint names appear in URLs, so they are the strictest. */
public final class Names {

    private static final Pattern ENDPOINT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}");
    private static final Pattern PROVIDER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private Names() {
    }

    /** 1–64 characters from {@code [A-Za-z0-9._-]}, not starting with a dot. */
    public static String endpoint(String name) {
        if (!ENDPOINT.matcher(name).matches()) {
            throw new GatewayException.InvalidRequest("Invalid endpoint name '" + printable(name)
                    + "': use 1 to 64 characters from A-Z, a-z, 0-9, '.', '_' and '-', not starting with '.'");
        }
        return name;
    }

    /** A display name (secret, model definition): not blank, at most 255 characters, no control characters. */
    public static String label(String field, String value) {
        if (value.isBlank()) {
            throw new GatewayException.InvalidRequest("'" + field + "' must not be empty");
        }
        if (value.length() > 255) {
            throw new GatewayException.InvalidRequest("'" + field + "' must be at most 255 characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            throw new GatewayException.InvalidRequest("'" + field + "' must not contain control characters");
        }
        return value;
    }

    /** A provider id such as {@code openai} or {@code together_ai}. */
    public static String provider(String provider) {
        if (!PROVIDER.matcher(provider).matches()) {
            throw new GatewayException.InvalidRequest("Invalid provider '" + printable(provider)
                    + "': use letters, digits, '.', '_' and '-'");
        }
        return provider;
    }

    /** A provider's model name: not blank, at most 512 characters. */
    public static String modelName(String modelName) {
        if (modelName.isBlank() || modelName.length() > 512 || modelName.chars().anyMatch(Character::isISOControl)) {
            throw new GatewayException.InvalidRequest(
                    "'model_name' must be 1 to 512 characters without control characters");
        }
        return modelName;
    }

    private static String printable(String value) {
        String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
