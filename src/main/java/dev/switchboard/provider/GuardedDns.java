package dev.switchboard.provider;

import dev.switchboard.core.ApiBasePolicy;
import dev.switchboard.core.GatewayException;
import dev.switchboard.provider.http.Http1Client;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * A resolver that refuses every address a user-given {@code api_base} may not reach, so the address
 * checked is the address dialed (DNS rebinding cannot slip in between). {@link Transport} uses it for
 * every new connection to a user-given URL, with no proxy; a pooled keep-alive connection is reused
 * without a new lookup. A refusal is thrown as {@link GatewayException.NoUsableTarget} (a
 * misconfigured target: fallbacks may still serve).
 */
public final class GuardedDns implements Http1Client.AddressResolver {

    private final ApiBasePolicy policy;

    /** Resolves with the policy's resolver ({@code InetAddress::getAllByName} unless a test injected one). */
    public GuardedDns(ApiBasePolicy policy) {
        this.policy = policy;
    }

    /**
     * Resolves {@code hostname} and refuses it if any of its addresses is disallowed.
     *
     * @return the addresses to dial, in the resolver's order
     * @throws GatewayException.NoUsableTarget naming the host, the refused address and why
     * @throws GatewayException.UpstreamUnavailable if the host does not resolve
     */
    @Override
    public List<InetAddress> resolve(String hostname) {
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
        if (addresses.isEmpty()) {
            throw new GatewayException.UpstreamUnavailable("No address for host " + hostname, null);
        }
        return addresses;
    }
}
