package dev.switchboard.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Masks secret values for display the way MLflow does ({@code sk-...1234}), so a user can tell
 * keys apart without seeing them: in the management API, and where a provider's error echoes a key.
 */
public final class SecretMask {

    private SecretMask() {
    }

    /** Masks every value, keeping the keys and their order. */
    public static Map<String, String> maskAll(Map<String, String> values) {
        Map<String, String> masked = new LinkedHashMap<>();
        values.forEach((key, value) -> masked.put(key, mask(value)));
        return masked;
    }

    /**
     * Fewer than 8 characters give {@code ***}; otherwise prefix, {@code ...}, last 4 characters.
     * Characters are code points, as in Python, so an emoji is never cut in half.
     */
    public static String mask(String value) {
        int length = value.codePointCount(0, value.length());
        if (length < 8) {
            return "***";
        }
        boolean github = value.startsWith("ghp_") || value.startsWith("gho_") || value.startsWith("ghu_");
        int prefixEnd = value.offsetByCodePoints(0, github ? 4 : 3);
        int suffixStart = value.offsetByCodePoints(0, length - 4);
        return value.substring(0, prefixEnd) + "..." + value.substring(suffixStart);
    }
}
