package dev.switchboard.limits;

import dev.switchboard.core.GatewayException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** What the budget and rate limit services share: new ids, and how they refuse a request. */
final class LimitRequests {

    private static final SecureRandom RANDOM = new SecureRandom();

    private LimitRequests() {
    }

    /** A new id: {@code prefix} and {@code bytes} random bytes in hex, e.g. {@code bp-0123…}. */
    static String newId(String prefix, int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return prefix + HexFormat.of().formatHex(b);
    }

    static GatewayException missing(String field) {
        return new GatewayException.InvalidRequest("Missing value for required parameter '" + field + "'");
    }

    static GatewayException invalid(String message) {
        return new GatewayException.InvalidRequest("Invalid value: " + message);
    }
}
