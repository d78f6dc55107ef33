package dev.switchboard.server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names the gateway answers to in the {@code Host} header: the defence against DNS rebinding,
 * where a web page makes its own name resolve to the gateway's address and then reads the answers
 * as same-origin. The browser still sends the page's name as Host, so a name the gateway does not
 * know is refused. Allowed by default, on any port: the listen host, {@code localhost},
 * {@code 127.0.0.1} and {@code [::1]}; when listening on every interface ({@code 0.0.0.0} or
 * {@code ::}), also any IP address, since a rebinding attack always arrives with a name.
 * {@value #ENV} adds names (comma-separated, each with an optional port that must then match);
 * {@code *} allows any host. Thread-safe.
 */
final class HostPolicy {

    static final String ENV = "SWITCHBOARD_ALLOWED_HOSTS";

    private static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "[::1]");
    private static final Set<String> EVERY_INTERFACE = Set.of("", "*", "0.0.0.0", "::", "[::]",
            "0:0:0:0:0:0:0:0", "[0:0:0:0:0:0:0:0]");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"
            + "(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]*:[0-9a-f:.]*]");
    private static final Pattern NAME = Pattern.compile("[a-z0-9._~-]+");

    /** One allowed host, or a Host header read: a lower-case name or IP address (IPv6 in brackets) and a port. */
    private record Entry(String host, OptionalInt port) {

        boolean admits(Entry requested) {
            return host.equals(requested.host) && (port.isEmpty() || port.equals(requested.port));
        }

        @Override
        public String toString() {
            return port.isEmpty() ? host : host + ":" + port.getAsInt();
        }
    }

    private final boolean anyHost;
    private final boolean anyAddress;
    private final List<Entry> allowed;
    /** The last Host value allowed, as sent: callers repeat theirs, so most requests skip the parsing. */
    private volatile String lastAllowed = "";

    private HostPolicy(boolean anyHost, boolean anyAddress, List<Entry> allowed) {
        this.anyHost = anyHost;
        this.anyAddress = anyAddress;
        this.allowed = List.copyOf(allowed);
    }

    /** Whether {@code listenHost} is a loopback address or name, reachable from this machine only. */
    static boolean isLoopback(String listenHost) {
        String listen = bracketed(listenHost.strip().toLowerCase(Locale.ROOT));
        return LOOPBACK.contains(listen) || (listen.startsWith("127.") && IPV4.matcher(listen).matches());
    }

    /**
     * The policy for a server listening on {@code listenHost} with {@value #ENV} from {@code env}.
     *
     * @throws IllegalArgumentException naming an entry of the setting that is not a host name or address
     */
    static HostPolicy fromEnv(String listenHost, Map<String, String> env) {
        List<Entry> allowed = new ArrayList<>();
        LOOPBACK.forEach(name -> allowed.add(new Entry(name, OptionalInt.empty())));
        String raw = listenHost.strip().toLowerCase(Locale.ROOT);
        boolean everyInterface = EVERY_INTERFACE.contains(raw);
        String listen = bracketed(raw);
        if (!everyInterface && !LOOPBACK.contains(listen)) {
            allowed.add(new Entry(listen, OptionalInt.empty()));
        }
        boolean anyHost = false;
        for (String item : Arrays.stream(env.getOrDefault(ENV, "").split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList()) {
            if (item.equals("*")) {
                anyHost = true;
                continue;
            }
            String value = item.toLowerCase(Locale.ROOT);
            allowed.add(parse(value.indexOf(':') != value.lastIndexOf(':') ? bracketed(value) : value)
                    .orElseThrow(() -> new IllegalArgumentException(ENV + " must list host names or addresses, "
                            + "each with an optional :port (or '*' for any host), got '" + item + "'")));
        }
        return new HostPolicy(anyHost, everyInterface, allowed);
    }

    /** Why a request with this Host header is refused, or empty when it is allowed. */
    Optional<String> refusal(Optional<String> hostHeader) {
        if (anyHost) {
            return Optional.empty();
        }
        if (hostHeader.isEmpty()) {
            return Optional.of("The request has no Host header; this gateway answers only to " + describe()
                    + " (" + ENV + " adds names)");
        }
        if (hostHeader.get().equals(lastAllowed)) {
            return Optional.empty();
        }
        Optional<Entry> requested = parse(hostHeader.get().strip().toLowerCase(Locale.ROOT));
        if (requested.isPresent() && (allowed.stream().anyMatch(entry -> entry.admits(requested.get()))
                || anyAddress && isAddress(requested.get().host()))) {
            lastAllowed = hostHeader.get();
            return Optional.empty();
        }
        return Optional.of("Host '" + JsonContentType.printable(hostHeader.get()) + "' is not a name this gateway "
                + "answers to (it answers to " + describe() + "); if clients reach it by this name, add the name to "
                + ENV + " (comma-separated; '*' allows any host, for a gateway behind a proxy that checks Host)");
    }

    /** The allowed hosts, for messages and the start-up log. */
    String describe() {
        if (anyHost) {
            return "any host";
        }
        String names = String.join(", ", allowed.stream().map(Entry::toString).toList());
        return anyAddress ? names + " and any IP address" : names;
    }

    /** A Host value as host and port; empty if it is neither a name nor an IP address (with an optional port). */
    private static Optional<Entry> parse(String value) {
        String host = value;
        OptionalInt port = OptionalInt.empty();
        int colon = value.lastIndexOf(':');
        if (colon >= 0 && colon > value.lastIndexOf(']')) {
            host = value.substring(0, colon);
            String digits = value.substring(colon + 1);
            if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(digits) > 65_535) {
                return Optional.empty();
            }
            port = OptionalInt.of(Integer.parseInt(digits));
        }
        boolean valid = host.startsWith("[") ? IPV6.matcher(host).matches() : NAME.matcher(host).matches();
        return valid ? Optional.of(new Entry(host, port)) : Optional.empty();
    }

    private static boolean isAddress(String host) {
        return IPV4.matcher(host).matches() || IPV6.matcher(host).matches();
    }

    /** An IPv6 address in brackets, as a Host header writes it; anything else as it is. */
    private static String bracketed(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
