package dev.switchboard.server;

import dev.switchboard.api.InvocationRoute;
import dev.switchboard.api.mlflow.DetailErrorFormat;
import dev.switchboard.core.ErrorFormat;
import java.util.List;
import java.util.Map;

/**
 * The error format for a request refused before routing, chosen from its raw path as the route
 * table would choose: the format of the invocation route whose pattern the path fits (whatever the
 * method), the {@code /gateway/} catch-all's for other paths under it, and the management API's
 * otherwise. The raw path is split and compared, never decoded or echoed.
 */
final class RouteErrorFormats {

    private static final String GATEWAY_PREFIX = "/gateway/";

    private final List<Pattern> patterns;
    private final Map<String, ErrorFormat> prefixes;

    RouteErrorFormats(List<InvocationRoute> routes) {
        this(routes, Map.of());
    }

    /** With {@code prefixes}: routes that take every path under a prefix, and their error formats. */
    RouteErrorFormats(List<InvocationRoute> routes, Map<String, ErrorFormat> prefixes) {
        patterns = routes.stream().map(route -> new Pattern(segments(route.path()), route.errors())).toList();
        this.prefixes = Map.copyOf(prefixes);
    }

    /** The format for {@code rawTarget}, a raw path that may still carry its query or fragment. */
    ErrorFormat forPath(String rawTarget) {
        String path = rawTarget;
        int end = indexOfAny(path, "?#");
        if (end >= 0) {
            path = path.substring(0, end);
        }
        for (Map.Entry<String, ErrorFormat> prefix : prefixes.entrySet()) {
            if (path.startsWith(prefix.getKey())) {
                return prefix.getValue();
            }
        }
        List<String> segments = segments(path);
        for (Pattern pattern : patterns) {
            if (pattern.matches(segments)) {
                return pattern.errors();
            }
        }
        return path.startsWith(GATEWAY_PREFIX) ? DetailErrorFormat.INSTANCE : ManagementErrorFormat.INSTANCE;
    }

    private static List<String> segments(String path) {
        return List.of(path.split("/", -1));
    }

    private static int indexOfAny(String text, String chars) {
        for (int i = 0; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A route path split at '/'; a {@code {name}} segment fits any non-empty segment, and matrix
     * parameters ({@code ;name=value}) are ignored, as Helidon's routing ignores them.
     */
    private record Pattern(List<String> segments, ErrorFormat errors) {

        boolean matches(List<String> path) {
            if (path.size() != segments.size()) {
                return false;
            }
            for (int i = 0; i < path.size(); i++) {
                String segment = segments.get(i);
                boolean parameter = segment.startsWith("{") && segment.endsWith("}");
                String raw = path.get(i);
                int matrix = raw.indexOf(';');
                String value = matrix < 0 ? raw : raw.substring(0, matrix);
                if (parameter ? value.isEmpty() : !segment.equals(value)) {
                    return false;
                }
            }
            return true;
        }
    }
}
