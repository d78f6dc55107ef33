package dev.switchboard.provider;

import dev.switchboard.core.ApiBasePolicy;
import dev.switchboard.core.GatewayException;
import io.helidon.webclient.api.DnsAddressLookup;
import io.helidon.webclient.spi.DnsResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * A WebClient DNS resolver that refuses every address a user-given {@code api_base} may not reach,
 * so the address checked is the address dialed (DNS rebinding cannot slip in between). Install it
 * only on the client for user-given URLs: {@code WebClient.builder().dnsResolver(new GuardedDns(policy))}.
 *
 * <p>Helidon 4.5 calls the resolver for every new connection, IP literals included; a pooled
 * keep-alive connection is reused without a new lookup. A proxy resolves names itself, so give the
 * guarded client {@code proxy(Proxy.noProxy())}. A refusal is thrown from the request as
 * {@link GatewayException.NoUsableTarget} (a misconfigured target: fallbacks may still serve).
 */
public final class GuardedDns implements DnsResolver {

    private final ApiBasePolicy policy;

    /** Resolves with the policy's resolver ({@code InetAddress::getAllByName} unless a test injected one). */
    public GuardedDns(ApiBasePolicy policy) {
        this.policy = policy;
    }

    @Override
    public boolean useDefaultJavaResolver() {
        return false;
    }

    /**
     * Resolves {@code hostname}, refuses it if any of its addresses is disallowed, and returns the
     * first address {@code lookup} prefers.
     *
     * @throws GatewayException.NoUsableTarget naming the host, the refused address and why
     * @throws GatewayException.UpstreamUnavailable if the host does not resolve
     */
    @Override
    public InetAddress resolveAddress(String hostname, DnsAddressLookup lookup) {
        List<InetAddress> addresses;
        try {
            addresses = policy.resolve(hostname);
        } catch (UnknownHostException e) {
            throw new GatewayException.UpstreamUnavailable("Unknown host " + hostname, e);
        }
        for (InetAddress address : addresses) {
            Optional<String> why = policy.refusal(address);
            if (why.isPresent()) {
                throw new GatewayException.NoUsableTarget("Refused to connect to api_base host '" + hostname + "': "
                        + address.getHostAddress() + " is " + why.get() + "; " + ApiBasePolicy.addressAdvice());
            }
        }
        InetAddress[] preferred = lookup.filter(addresses.toArray(InetAddress[]::new));
        if (preferred.length == 0) {
            throw new GatewayException.UpstreamUnavailable("No " + lookup + " address for host " + hostname, null);
        }
        return preferred[0];
    }
}
