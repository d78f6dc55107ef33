package dev.switchboard.api.proxy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which headers cross the raw proxy, each way. Hop-by-hop headers (RFC 9110 section 7.6.1, and any a
 * {@code Connection} header names) never do; nor do the caller's own credentials (the provider's
 * stored key is sent instead), its {@code Host}, {@code Via} (the gateway writes its own) or
 * {@code Expect}, nor the body's framing, which the gateway sets for the stream it sends.
 */
final class ProxyHeaders {

    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "te",
            "trailer", "upgrade");
    private static final Set<String> NOT_FROM_CALLER = Set.of("host", "content-length", "via", "expect",
            "authorization", "x-api-key", "x-goog-api-key", "api-key", "cookie");

    private ProxyHeaders() {
    }

    /** The caller's headers to send the provider, before the provider's own ({@code provider}, which win). */
    static List<Map.Entry<String, String>> toProvider(List<Map.Entry<String, String>> caller,
                                                      Map<String, String> provider) {
        Set<String> dropped = connectionNamed(caller);
        Set<String> own = new HashSet<>();
        provider.keySet().forEach(name -> own.add(name.toLowerCase(Locale.ROOT)));
        List<Map.Entry<String, String>> sent = new ArrayList<>(caller.size() + provider.size());
        for (Map.Entry<String, String> header : caller) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!hopByHop(name) && !NOT_FROM_CALLER.contains(name) && !dropped.contains(name) && !own.contains(name)) {
                sent.add(header);
            }
        }
        sent.addAll(provider.entrySet());
        return sent;
    }

    /** The provider's headers to send the caller, without Content-Length (the answer's length is set apart). */
    static List<Map.Entry<String, String>> toCaller(List<Map.Entry<String, String>> provider) {
        Set<String> dropped = connectionNamed(provider);
        List<Map.Entry<String, String>> sent = new ArrayList<>(provider.size());
        for (Map.Entry<String, String> header : provider) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!hopByHop(name) && !name.equals("content-length") && !dropped.contains(name)) {
                sent.add(header);
            }
        }
        return sent;
    }

    private static boolean hopByHop(String lowerName) {
        return HOP_BY_HOP.contains(lowerName) || lowerName.startsWith("proxy-");
    }

    /** The names a {@code Connection} header lists, which are hop-by-hop for this message. */
    private static Set<String> connectionNamed(List<Map.Entry<String, String>> headers) {
        Set<String> named = Set.of();
        for (Map.Entry<String, String> header : headers) {
            if (header.getKey().equalsIgnoreCase("Connection")) {
                if (named.isEmpty()) {
                    named = new HashSet<>();
                }
                for (String token : header.getValue().split(",")) {
                    named.add(token.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        return named;
    }
}
