package dev.switchboard.core;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The address ranges a user-given {@code api_base} may not reach: private, loopback, link-local
 * (with the cloud metadata address), unspecified, multicast, carrier-grade NAT and the other
 * special-purpose ranges of the IANA registries. IPv6 forms that embed an IPv4 address
 * (IPv4-mapped, NAT64, 6to4) are judged by the address they embed; any other IPv6 address outside
 * global unicast {@code 2000::/3} is refused as reserved.
 */
final class ApiBaseAddresses {

    private static final List<Range> V4 = List.of(
            v4("169.254.169.254", 32, "the cloud metadata address (169.254.169.254, link-local)"),
            v4("0.0.0.0", 8, "an unspecified (\"this network\") address (0.0.0.0/8)"),
            v4("10.0.0.0", 8, "a private address (10.0.0.0/8)"),
            v4("100.64.0.0", 10, "a carrier-grade NAT address (100.64.0.0/10)"),
            v4("127.0.0.0", 8, "a loopback address (127.0.0.0/8)"),
            v4("169.254.0.0", 16, "a link-local address (169.254.0.0/16)"),
            v4("172.16.0.0", 12, "a private address (172.16.0.0/12)"),
            v4("192.0.0.0", 24, "a reserved IETF protocol address (192.0.0.0/24)"),
            v4("192.0.2.0", 24, "a reserved documentation address (192.0.2.0/24)"),
            v4("192.88.99.0", 24, "a reserved 6to4 relay address (192.88.99.0/24)"),
            v4("192.168.0.0", 16, "a private address (192.168.0.0/16)"),
            v4("198.18.0.0", 15, "a reserved benchmarking address (198.18.0.0/15)"),
            v4("198.51.100.0", 24, "a reserved documentation address (198.51.100.0/24)"),
            v4("203.0.113.0", 24, "a reserved documentation address (203.0.113.0/24)"),
            v4("224.0.0.0", 4, "a multicast address (224.0.0.0/4)"),
            v4("240.0.0.0", 4, "a reserved address (240.0.0.0/4, including broadcast)"));

    private static final Range V6_MAPPED = v6("::ffff:0:0", 96, "IPv4-mapped");
    private static final Range V6_NAT64 = v6("64:ff9b::", 96, "NAT64");
    private static final Range V6_6TO4 = v6("2002::", 16, "6to4");
    private static final Range V6_GLOBAL = v6("2000::", 3, "global unicast");

    private static final List<Range> V6 = List.of(
            v6("::", 128, "the unspecified address (::)"),
            v6("::1", 128, "the loopback address (::1)"),
            v6("::", 96, "a deprecated IPv4-compatible address (::/96)"),
            v6("64:ff9b:1::", 48, "a reserved local-use NAT64 address (64:ff9b:1::/48)"),
            v6("100::", 64, "a reserved discard-only address (100::/64)"),
            v6("2001::", 23, "a reserved IETF protocol address (2001::/23, including Teredo)"),
            v6("2001:db8::", 32, "a reserved documentation address (2001:db8::/32)"),
            v6("3fff::", 20, "a reserved documentation address (3fff::/20)"),
            v6("fc00::", 7, "a unique-local (private) address (fc00::/7)"),
            v6("fe80::", 10, "a link-local address (fe80::/10)"),
            v6("fec0::", 10, "a deprecated site-local address (fec0::/10)"),
            v6("ff00::", 8, "a multicast address (ff00::/8)"));

    private ApiBaseAddresses() {
    }

    /** Why {@code address} may not be dialed, e.g. "a loopback address (127.0.0.0/8)"; empty if it may. */
    static Optional<String> refusal(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return first(V4, bytes);
        }
        if (V6_MAPPED.contains(bytes)) {
            return embedded("an IPv4-mapped address", bytes, 12);
        }
        if (V6_NAT64.contains(bytes)) {
            return embedded("a NAT64 address", bytes, 12);
        }
        if (V6_6TO4.contains(bytes)) {
            return embedded("a 6to4 address", bytes, 2);
        }
        Optional<String> listed = first(V6, bytes);
        if (listed.isPresent() || V6_GLOBAL.contains(bytes)) {
            return listed;
        }
        return Optional.of("a reserved address (outside global unicast 2000::/3)");
    }

    private static Optional<String> embedded(String kind, byte[] bytes, int offset) {
        byte[] v4 = Arrays.copyOfRange(bytes, offset, offset + 4);
        return first(V4, v4).map(why -> kind + " of " + ApiBaseUrl.dotted(v4) + ", " + why);
    }

    private static Optional<String> first(List<Range> ranges, byte[] bytes) {
        return ranges.stream().filter(r -> r.contains(bytes)).map(Range::description).findFirst();
    }

    private static Range v4(String network, int bits, String description) {
        return new Range(literal(network), bits, description);
    }

    private static Range v6(String network, int bits, String description) {
        byte[] bytes = new byte[16];
        byte[] parsed = literal(network);
        System.arraycopy(parsed, 0, bytes, 16 - parsed.length, parsed.length);
        if (parsed.length == 4) {
            bytes[10] = (byte) 0xff; // Java turns ::ffff:0:0 into an IPv4 address; put the mapped prefix back
            bytes[11] = (byte) 0xff;
        }
        return new Range(bytes, bits, description);
    }

    private static byte[] literal(String text) {
        try {
            return InetAddress.getByName(text).getAddress(); // a literal: never a DNS query
        } catch (UnknownHostException e) {
            throw new IllegalStateException("bad range literal " + text, e);
        }
    }

    /** A network prefix of {@code bits} bits. */
    private record Range(byte[] network, int bits, String description) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
