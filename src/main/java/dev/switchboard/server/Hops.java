package dev.switchboard.server;

import dev.switchboard.core.GatewayException;
import dev.switchboard.provider.Caller;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The hop marker: every upstream request carries the inbound {@code Via} entries plus this gateway's
 * own ({@code 1.1 switchboard-<random id>}), so a request that comes back carrying this instance's
 * entry is a loop and is refused at once, and a chain of more than {@code maxHops} entries stops.
 */
final class Hops {

    /** The default most {@code Via} entries an inbound request may carry. */
    static final int DEFAULT_MAX = 10;

    private final String pseudonym;
    private final int maxHops;

    Hops(String pseudonym, int maxHops) {
        if (maxHops < 1) {
            throw new IllegalArgumentException("The hop limit must be at least 1, not " + maxHops);
        }
        this.pseudonym = pseudonym;
        this.maxHops = maxHops;
    }

    /** A marker with a random instance id, so two gateways (or two runs) never share one. */
    static Hops random(int maxHops) {
        byte[] id = new byte[6];
        new SecureRandom().nextBytes(id);
        return new Hops("switchboard-" + HexFormat.of().formatHex(id), maxHops);
    }

    /** This instance's {@code Via} entry. */
    String entry() {
        return "1.1 " + pseudonym;
    }

    /**
     * The caller of a request that arrived with {@code via} (the values of its {@code Via} headers),
     * or a {@link GatewayException.LoopDetected} if it passed through here already or through too
     * many gateways.
     */
    Caller caller(List<String> via) {
        if (via.isEmpty()) {
            return Caller.via(entry());
        }
        int hops = 0;
        for (String value : via) {
            if (!printable(value)) {
                throw new GatewayException.InvalidRequest("The Via header holds characters other than printable ASCII");
            }
            for (String element : value.split(",")) {
                String trimmed = element.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                hops++;
                if (receivedBy(trimmed).equalsIgnoreCase(pseudonym)) {
                    throw new GatewayException.LoopDetected("This request has already passed through this gateway "
                            + "(its Via header names " + pseudonym + "): a target's api_base points back at the "
                            + "gateway. Point the key's api_base at the provider instead.");
                }
            }
        }
        if (hops >= maxHops) {
            throw new GatewayException.LoopDetected("This request has passed through " + hops
                    + " proxies or gateways (its Via header), the limit is " + maxHops
                    + " (SWITCHBOARD_MAX_HOPS): a chain of gateways may be calling itself.");
        }
        return Caller.via(String.join(", ", via) + ", " + entry());
    }

    private static boolean printable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** The received-by part of a Via element: {@code 1.1 name (comment)} → {@code name}. */
    private static String receivedBy(String element) {
        int space = element.indexOf(' ');
        if (space < 0) {
            return "";
        }
        String rest = element.substring(space + 1).trim();
        int end = 0;
        while (end < rest.length() && !Character.isWhitespace(rest.charAt(end))) {
            end++;
        }
        return rest.substring(0, end);
    }
}
