package dev.switchboard.provider;

import dev.switchboard.core.ApiBasePolicy;
import dev.switchboard.core.GatewayException;
import dev.switchboard.provider.http.Http1Client;
import dev.switchboard.provider.http.Origin;
import dev.switchboard.provider.http.StreamedRequest;
import dev.switchboard.provider.http.UpstreamTrace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ProxySelector;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sends requests to providers over HTTP/1.1 with keep-alive, blocking on the caller's virtual
 * thread. Redirects are never followed. The first-byte timeout bounds the wait for response headers;
 * the idle timeout bounds each wait for more of the body.
 *
 * <p>Built-in providers' origins are reached with the system's DNS and proxy settings
 * ({@code https.proxyHost} and friends). Every other origin is a user-given {@code api_base}: it is
 * dialed directly, and each address is checked against the {@link ApiBasePolicy} first.
 */
public final class Transport implements AutoCloseable {

    private static final ProxySelector NO_PROXY = ProxySelector.of(null);
    private static final String JSON = "application/json";

    private final Http1Client builtIn;
    private final Http1Client guarded;
    private final Set<Origin> builtInOrigins;

    /**
     * @param policy         the SSRF rules every dialed address of a user-given URL is checked against
     * @param builtInOrigins the origins ({@code scheme://host:port}) of providers' built-in base URLs,
     *                       which are exempt (e.g. Ollama's {@code http://localhost:11434})
     */
    public Transport(ApiBasePolicy policy, Set<String> builtInOrigins) {
        this(policy, builtInOrigins, defaultTls());
    }

    /** As above, each request to a provider joined to the current trace with {@code trace}. */
    public Transport(ApiBasePolicy policy, Set<String> builtInOrigins, UpstreamTrace trace) {
        this(policy, builtInOrigins, defaultTls(), trace);
    }

    /** As above, with the TLS socket factory to use (tests trust their own certificate with it). */
    public Transport(ApiBasePolicy policy, Set<String> builtInOrigins, SSLSocketFactory tls) {
        this(policy, builtInOrigins, tls, UpstreamTrace.NONE);
    }

    private Transport(ApiBasePolicy policy, Set<String> builtInOrigins, SSLSocketFactory tls, UpstreamTrace trace) {
        ProxySelector system = ProxySelector.getDefault();
        this.builtIn = new Http1Client(Http1Client.SYSTEM_DNS, system != null ? system : NO_PROXY, tls, trace);
        this.guarded = new Http1Client(new GuardedDns(policy), NO_PROXY, tls, trace);
        this.builtInOrigins = builtInOrigins.stream().map(o -> Origin.of(URI.create(o))).collect(Collectors.toUnmodifiableSet());
    }

    /** The origin of a URL, as {@link #Transport} compares them: {@code scheme://host:port}. */
    public static String origin(URI uri) {
        return Origin.of(uri).toString();
    }

    /**
     * POSTs {@code body} with the caller's {@code Via}; returns once the response headers arrived,
     * whatever the status. A caller that hangs up meanwhile aborts the call ({@link GatewayException.CallerGone}).
     */
    public UpstreamResponse post(URI uri, Map<String, String> headers, byte[] body, Timeouts timeouts, Caller caller) {
        Origin origin;
        try {
            origin = Origin.of(uri);
        } catch (IllegalArgumentException e) {
            throw new GatewayException.NoUsableTarget(e.getMessage());
        }
        String query = uri.getRawQuery();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String target = query == null ? path : path + "?" + query;
        Http1Client client = builtInOrigins.contains(origin) ? builtIn : guarded;
        try {
            return client.post(origin, target, JSON, headers, body, timeouts, caller);
        } catch (IllegalArgumentException e) {
            throw new GatewayException.NoUsableTarget("Cannot call the provider: " + e.getMessage());
        } catch (IOException | UncheckedIOException | GatewayException e) {
            // Only what the call itself met (I/O, a refused address) is the provider's failure, which
            // another target may mend; any other exception is the gateway's own bug, and surfaces as one.
            if (caller.gone()) {
                throw new GatewayException.CallerGone();
            }
            throw UpstreamFailures.classify(e, "calling " + origin.host());
        }
    }

    /**
     * Sends a request of the raw proxy route to {@code uri}, its body streamed; returns once the
     * response headers arrived, whatever the status. The api_base guard applies as to every call,
     * and more strictly: a built-in origin on this machine (Ollama's {@code localhost:11434}) is
     * exempt from it for the modelled calls only, since here the caller chooses the path. A caller
     * that hangs up meanwhile aborts the call ({@link GatewayException.CallerGone}); a failure
     * reading the caller's body is thrown as the {@link GatewayException} its cause carries, if any.
     */
    public UpstreamResponse proxy(URI uri, StreamedRequest request, Timeouts timeouts, Caller caller) {
        Origin origin;
        try {
            origin = Origin.of(uri);
        } catch (IllegalArgumentException e) {
            throw new GatewayException.NoUsableTarget(e.getMessage());
        }
        String query = uri.getRawQuery();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String target = query == null ? path : path + "?" + query;
        boolean exempt = builtInOrigins.contains(origin) && !local(origin.host());
        try {
            return (exempt ? builtIn : guarded).send(origin, target, request, timeouts, caller);
        } catch (IllegalArgumentException e) {
            throw new GatewayException.NoUsableTarget("Cannot call the provider: " + e.getMessage());
        } catch (IOException | UncheckedIOException | GatewayException e) {
            if (caller.gone()) {
                throw new GatewayException.CallerGone();
            }
            throw UpstreamFailures.classify(e, "calling " + origin.host());
        }
    }

    /** A host name for this machine, or an IP literal (which built-in base URLs use only for local servers). */
    private static boolean local(String host) {
        return host.equals("localhost") || host.endsWith(".localhost") || host.indexOf(':') >= 0
                || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    private static SSLSocketFactory defaultTls() {
        try {
            return SSLContext.getDefault().getSocketFactory();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no default TLS context", e);
        }
    }

    @Override
    public void close() {
        builtIn.close();
        guarded.close();
    }
}
