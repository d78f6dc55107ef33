package dev.switchboard.core;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The SSRF guard on user-given {@code api_base} URLs (MLflow's rules): https only, no credentials in
 * the URL, and no host that is or resolves to a private, loopback, link-local or reserved address.
 * {@link #checkUrl} runs when a URL is saved; {@link #allowsAddress} (via the transport's DNS
 * resolver) for every address dialed, since DNS may answer differently later. Built-in provider
 * URLs are not subject to it. Immutable and thread-safe.
 */
public final class ApiBasePolicy {

    /** Comma-separated schemes an api_base may use; default {@code https}. */
    public static final String SCHEMES_ENV = "SWITCHBOARD_API_BASE_ALLOWED_SCHEMES";
    /** {@code true} lifts the address rule (for tests and local models). */
    public static final String PRIVATE_ENV = "SWITCHBOARD_ALLOW_PRIVATE_API_BASE";
    /** MLflow's name for {@link #SCHEMES_ENV}; read when that one is unset or blank. */
    public static final String MLFLOW_SCHEMES_ENV = "MLFLOW_GATEWAY_API_BASE_ALLOWED_SCHEMES";
    /** MLflow's name for {@link #PRIVATE_ENV}; read when that one is unset or blank. */
    public static final String MLFLOW_PRIVATE_ENV = "MLFLOW_GATEWAY_API_BASE_ALLOW_PRIVATE_IPS";

    private static final Set<String> SUPPORTED_SCHEMES = Set.of("http", "https");

    /** Resolves a host name to all its addresses; {@code InetAddress::getAllByName} in production. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Set<String> schemes;
    private final boolean privateAllowed;
    private final Resolver resolver;

    /** @throws IllegalArgumentException if {@code schemes} is empty or names other than http and https */
    public ApiBasePolicy(Set<String> schemes, boolean privateAllowed, Resolver resolver) {
        this.schemes = schemes.stream().map(s -> s.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(TreeSet::new));
        if (this.schemes.isEmpty() || !SUPPORTED_SCHEMES.containsAll(this.schemes)) {
            throw new IllegalArgumentException(SCHEMES_ENV + " must list http and/or https, got " + schemes);
        }
        this.privateAllowed = privateAllowed;
        this.resolver = resolver;
    }

    /**
     * Reads {@value #SCHEMES_ENV} and {@value #PRIVATE_ENV}, or MLflow's names for them
     * ({@value #MLFLOW_SCHEMES_ENV}, {@value #MLFLOW_PRIVATE_ENV}) when they are unset or blank;
     * all unset or blank means the strict default.
     *
     * @throws IllegalArgumentException naming the variable read, if it holds something unsupported
     */
    public static ApiBasePolicy fromEnv(Map<String, String> env) {
        String schemesName = firstSet(env, SCHEMES_ENV, MLFLOW_SCHEMES_ENV);
        String schemes = env.getOrDefault(schemesName, "");
        Set<String> parsed = Arrays.stream(schemes.split(",")).map(s -> s.strip().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty()).collect(Collectors.toSet());
        if (!SUPPORTED_SCHEMES.containsAll(parsed)) {
            throw new IllegalArgumentException(schemesName + " must list http and/or https, got '" + schemes + "'");
        }
        String privateName = firstSet(env, PRIVATE_ENV, MLFLOW_PRIVATE_ENV);
        return new ApiBasePolicy(parsed.isEmpty() ? Set.of("https") : parsed, flag(privateName, env.get(privateName)),
                InetAddress::getAllByName);
    }

    /** The Switchboard name if it holds a value, else MLflow's (which may be unset too). */
    private static String firstSet(Map<String, String> env, String switchboardName, String mlflowName) {
        String value = env.get(switchboardName);
        return value != null && !value.isBlank() ? switchboardName : mlflowName;
    }

    /** http or https to any address: for tests and local setups. */
    public static ApiBasePolicy permissive() {
        return new ApiBasePolicy(SUPPORTED_SCHEMES, true, InetAddress::getAllByName);
    }

    /** Whether the address rule is lifted ({@value #PRIVATE_ENV}=true). */
    public boolean privateAllowed() {
        return privateAllowed;
    }

    public Set<String> allowedSchemes() {
        return Set.copyOf(schemes);
    }

    /** Whether a connection to {@code address} is allowed; always true when private addresses are allowed. */
    public boolean allowsAddress(InetAddress address) {
        return refusal(address).isEmpty();
    }

    /** Why {@code address} may not be dialed, e.g. "a loopback address (127.0.0.0/8)"; empty if it may. */
    public Optional<String> refusal(InetAddress address) {
        return privateAllowed ? Optional.empty() : ApiBaseAddresses.refusal(address);
    }

    /** The advice that ends every address refusal. */
    public static String addressAdvice() {
        return "private, loopback, link-local and reserved addresses are refused unless " + PRIVATE_ENV + "=true";
    }

    /**
     * The addresses {@code host} (a name, or an IP literal with or without brackets) stands for.
     * Literals are parsed, never looked up; numeric IPv4 hosts are read as the URL standard reads them.
     */
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        String bare = ApiBaseUrl.unbracket(host);
        if (bare.indexOf(':') >= 0) {
            return List.of(InetAddress.getByName(bare.replaceFirst("%.*$", ""))); // IPv6 literal; zone ignored
        }
        if (ApiBaseUrl.endsInNumber(bare)) {
            byte[] v4 = ApiBaseUrl.ipv4(bare).orElseThrow(() -> new UnknownHostException(bare + " is not a valid IPv4 address"));
            return List.of(literal(v4));
        }
        InetAddress[] found = resolver.resolve(bare);
        if (found == null || found.length == 0) {
            throw new UnknownHostException(bare);
        }
        return List.of(found);
    }

    /**
     * Checks a user-given api_base when it is saved: scheme, credentials, host, and (unless lifted)
     * every address the host is or resolves to. Messages never repeat the URL's credentials or query.
     *
     * @throws GatewayException.InvalidRequest naming the rule broken and how to lift it, if any
     */
    public void checkUrl(String apiBase) {
        String shown = ApiBaseUrl.redact(apiBase);
        URI uri;
        try {
            uri = new URI(apiBase.strip());
        } catch (URISyntaxException e) {
            throw refused("api_base '" + shown + "' is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.isEmpty() || uri.isOpaque()) {
            throw refused("api_base '" + shown + "' must be an absolute URL such as https://api.example.com/v1");
        }
        if (!schemes.contains(scheme)) {
            throw refused("api_base '" + shown + "' uses scheme '" + scheme + "', but only " + String.join(" and ", schemes)
                    + (SUPPORTED_SCHEMES.contains(scheme) ? " is allowed; set " + SCHEMES_ENV + "=http,https to allow " + scheme
                            : " is allowed (" + SCHEMES_ENV + " can allow http and https, nothing else)"));
        }
        if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
            throw refused("api_base '" + shown + "' must not carry credentials (user:password@); "
                    + "put them in the secret instead");
        }
        String host = ApiBaseUrl.of(uri).orElseThrow(() -> refused("api_base '" + shown + "' has no host"));
        if (host.indexOf(':') >= 0) {
            if (!privateAllowed) {
                checkResolved(host); // an IPv6 literal: parsed, not looked up
            }
        } else if (ApiBaseUrl.endsInNumber(host)) {
            checkNumeric(shown, host);
        } else if (uri.getHost() == null) {
            throw refused("api_base '" + shown + "' has no valid host name");
        } else if (!privateAllowed) {
            checkResolved(host);
        }
    }

    private void checkNumeric(String shown, String host) {
        byte[] v4 = ApiBaseUrl.ipv4(host).orElseThrow(() -> refused(
                "api_base host '" + host + "' is not a valid IPv4 address"));
        String dotted = ApiBaseUrl.dotted(v4);
        if (!privateAllowed) {
            checkAddresses(host, List.of(literal(v4)), true);
        }
        if (!ApiBaseUrl.isCanonicalIpv4(host)) {
            throw refused("api_base '" + shown + "' spells the IPv4 address " + dotted + " as '" + host
                    + "' (hex, octal, leading zeros or fewer than four parts), which software reads differently; "
                    + "write it as " + dotted);
        }
    }

    private void checkResolved(String host) {
        List<InetAddress> addresses;
        try {
            addresses = resolve(host);
        } catch (UnknownHostException e) {
            throw refused("api_base host '" + host + "' could not be resolved, so its addresses cannot be checked; "
                    + "check the name (" + PRIVATE_ENV + "=true skips this check)");
        }
        checkAddresses(host, addresses, host.indexOf(':') >= 0);
    }

    private void checkAddresses(String host, List<InetAddress> addresses, boolean literal) {
        for (InetAddress address : addresses) {
            Optional<String> why = refusal(address);
            if (why.isPresent()) {
                String ip = address.getHostAddress();
                boolean same = ip.equals(host) || address instanceof Inet6Address; // an IPv6 literal names itself
                String is = !literal ? " resolves to " + ip + ", " : same ? " is " : " is " + ip + ", ";
                throw refused("api_base host '" + host + "'" + is + why.get() + "; " + addressAdvice());
            }
        }
    }

    private static InetAddress literal(byte[] v4) {
        try {
            return InetAddress.getByAddress(ApiBaseUrl.dotted(v4), v4);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    private static GatewayException.InvalidRequest refused(String message) {
        return new GatewayException.InvalidRequest(message);
    }

    private static boolean flag(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, got '" + value + "'");
        };
    }

    @Override
    public String toString() {
        return "ApiBasePolicy[schemes=" + schemes + ", privateAllowed=" + privateAllowed + "]";
    }
}
