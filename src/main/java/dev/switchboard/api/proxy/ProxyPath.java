package dev.switchboard.api.proxy;

import dev.switchboard.core.GatewayException;
import dev.switchboard.provider.ProxyTarget;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The provider URL a proxied call goes to: the target's base URL, the caller's raw path after it
 * (no {@code .} or {@code ..} segment, so it stays under the base), and the caller's raw query
 * without the credential parameters the provider reads or the gateway key, plus the provider's
 * required defaults.
 */
final class ProxyPath {

    /** The query parameter a caller may send its gateway key in (as Google's SDKs do): never forwarded. */
    private static final String GATEWAY_KEY = "key";

    private ProxyPath() {
    }

    /** Refuses a path that would climb out of the provider's base URL. */
    static void check(String rawPath) {
        for (String segment : rawPath.split("/", -1)) {
            String decoded = segment.replace("%2e", ".").replace("%2E", ".");
            if (decoded.equals(".") || decoded.equals("..")) {
                throw new GatewayException.InvalidRequest("The proxied path may not contain '.' or '..' segments");
            }
        }
    }

    static URI uri(ProxyTarget target, String rawPath, String rawQuery) {
        StringBuilder url = new StringBuilder(target.baseUrl()).append('/').append(rawPath);
        String query = query(target, rawQuery);
        if (!query.isEmpty()) {
            url.append('?').append(query);
        }
        try {
            return new URI(url.toString());
        } catch (URISyntaxException e) {
            throw new GatewayException.InvalidRequest("The proxied path or query is not valid in a URL");
        }
    }

    private static String query(ProxyTarget target, String rawQuery) {
        if (target.credentialQuery().isEmpty() && target.defaultQuery().isEmpty()
                && !rawQuery.toLowerCase(Locale.ROOT).contains(GATEWAY_KEY)) {
            return rawQuery;
        }
        StringBuilder kept = new StringBuilder();
        Set<String> names = new HashSet<>();
        for (String parameter : rawQuery.isEmpty() ? new String[0] : rawQuery.split("&")) {
            int equals = parameter.indexOf('=');
            String name = decode(equals < 0 ? parameter : parameter.substring(0, equals));
            if (!target.credentialQuery().contains(name) && !name.equals(GATEWAY_KEY)) {
                names.add(name);
                kept.append(kept.isEmpty() ? "" : "&").append(parameter);
            }
        }
        for (Map.Entry<String, String> parameter : target.defaultQuery().entrySet()) {
            if (!names.contains(parameter.getKey())) {
                kept.append(kept.isEmpty() ? "" : "&").append(URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8))
                        .append('=').append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
            }
        }
        return kept.toString();
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return raw.toLowerCase(Locale.ROOT);
        }
    }
}
