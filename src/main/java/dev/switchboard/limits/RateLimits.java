package dev.switchboard.limits;

import dev.switchboard.access.Principal;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Usage;
import java.math.BigDecimal;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rate limits as calls meet them. Each limit counts requests and tokens per minute of the clock
 * (UTC), and judges a call by a sliding minute: the current minute's count plus the last minute's,
 * weighted by how much of the last minute the sliding minute still covers. So a burst at the turn of
 * a minute is not allowed twice the limit.
 *
 * <p>A request counts when {@link #admit} lets it through; tokens count when the call ended
 * ({@link #settled}), so a tokens limit is checked against the tokens of calls that ended, and the
 * calls running when it is reached still finish. Counts are kept in {@link SharedCounts}: near a
 * limit, with replicas sharing the database, each request is added to the database as it is admitted
 * and each call's tokens as it ends.
 */
public final class RateLimits implements CallLimits, AutoCloseable {

    private static final long MINUTE = RateLimit.MINUTE_MILLIS;

    private final RateLimitStore store;
    private final InstantSource clock;
    private final SharedCounts counts;
    private volatile Map<String, EndpointLimits> byEndpoint = Map.of();
    private volatile List<RateLimit> limits = List.of();
    private long prunedAt;

    public RateLimits(RateLimitStore store, InstantSource clock, SharedCounts.Settings settings) {
        this.store = store;
        this.clock = clock;
        this.counts = new SharedCounts(store, settings, "rate limit counts");
        reload();
        try {
            sync();
        } catch (RuntimeException e) {
            counts.warn(e);
        }
        counts.start("switchboard-rate-limit-writer", this::sync);
    }

    /** The rate limits in force. */
    public List<RateLimit> limits() {
        return limits;
    }

    /** Reads the rate limits again (after a change here or through another replica). */
    public void reload() {
        List<RateLimit> all = store.limits();
        Map<String, EndpointLimits> built = new HashMap<>();
        for (RateLimit limit : all) {
            EndpointLimits endpoint = built.computeIfAbsent(limit.endpointId(), id -> new EndpointLimits());
            Meters meters = new Meters(limit);
            switch (limit.kind()) {
                case DEFAULT -> endpoint.defaults = meters;
                case USER -> endpoint.users.put(limit.username().orElseThrow(), meters);
                case GATEWAY_KEY -> endpoint.keys.put(limit.keyId().orElseThrow(), meters);
            }
        }
        limits = all;
        byEndpoint = Map.copyOf(built);
    }

    /** Refuses the call with 429 if the limit it counts against has no request or token left this minute. */
    @Override
    public void admit(String endpointId, Principal principal) {
        Map<String, EndpointLimits> all = byEndpoint;
        if (all.isEmpty()) {
            return;
        }
        EndpointLimits endpoint = all.get(endpointId);
        Meters meters = endpoint == null ? null : endpoint.pick(principal);
        if (meters == null) {
            return;
        }
        long now = clock.millis();
        if (meters.tokens != null) {
            Minute minute = meters.tokens.at(now);
            if (minute.current().nearNow()) {
                counts.refresh(minute.current());
            }
            if (minute.used(now) >= meters.tokens.perMinute) {
                throw refusal(meters, now, false);
            }
        }
        if (meters.requests != null) {
            Minute minute = meters.requests.at(now);
            SharedCounts.Counter current = minute.current();
            boolean near = current.nearNow();
            if (near && minute.used(now) + 1 > meters.requests.perMinute) {
                throw refusal(meters, now, true); // full as last known: no round trip to the database
            }
            current.unwritten.add(1);
            if (near) {
                counts.writeNow(current);
            }
            if (minute.used(now) > meters.requests.perMinute) {
                current.unwritten.add(-1); // refused calls do not count
                throw refusal(meters, now, true);
            }
        }
    }

    /** Adds a call's tokens to the limit it counted against. */
    @Override
    public void settled(String endpointId, Principal principal, Optional<BigDecimal> cost, Usage usage) {
        Map<String, EndpointLimits> all = byEndpoint;
        if (all.isEmpty() || usage.total() == 0) {
            return;
        }
        EndpointLimits endpoint = all.get(endpointId);
        Meters meters = endpoint == null ? null : endpoint.pick(principal);
        if (meters == null || meters.tokens == null) {
            return;
        }
        SharedCounts.Counter current = meters.tokens.at(clock.millis()).current();
        current.unwritten.add(usage.total());
        if (current.near) {
            counts.writeNow(current);
        }
    }

    /** What this replica knows of a limit's sliding minute now: requests and tokens used, and what is left. */
    public Optional<State> state(RateLimit limit) {
        EndpointLimits endpoint = byEndpoint.get(limit.endpointId());
        Meters meters = endpoint == null ? null : endpoint.find(limit.id());
        if (meters == null) {
            return Optional.empty();
        }
        long now = clock.millis();
        return Optional.of(new State(meters.quota(meters.requests, now, false), meters.quota(meters.tokens, now, false)));
    }

    /** A limit's requests and tokens as seen now. */
    public record State(Optional<GatewayException.RateLimited.Quota> requests,
                        Optional<GatewayException.RateLimited.Quota> tokens) {
    }

    private GatewayException.RateLimited refusal(Meters meters, long now, boolean requestsExhausted) {
        RateLimit limit = meters.limit;
        Meter exhausted = requestsExhausted ? meters.requests : meters.tokens;
        Optional<GatewayException.RateLimited.Quota> requests = meters.quota(meters.requests, now, requestsExhausted);
        Optional<GatewayException.RateLimited.Quota> tokens = meters.quota(meters.tokens, now, !requestsExhausted);
        long waitMillis = exhausted.at(now).waitMillis(now, exhausted.perMinute, requestsExhausted ? 1 : 0);
        long seconds = Math.max(1, (waitMillis + 999) / 1000);
        String what = requestsExhausted ? exhausted.perMinute + " queries per minute"
                : exhausted.perMinute + " tokens per minute";
        return new GatewayException.RateLimited("Rate limit exceeded: " + what + " " + limit.whom() + " (rate limit '"
                + limit.id() + "'). Try again in " + seconds + " s.", seconds, requests, tokens);
    }

    /** One round of the writer: shares the counts, decides which minutes are counted call by call. */
    private void sync() {
        long now = clock.millis();
        List<Meter> meters = new ArrayList<>();
        byEndpoint.values().forEach(endpoint -> endpoint.all().forEach(m -> {
            if (m.requests != null) {
                meters.add(m.requests);
            }
            if (m.tokens != null) {
                meters.add(m.tokens);
            }
        }));
        List<SharedCounts.Counter> live = new ArrayList<>();
        for (Meter meter : meters) {
            Minute minute = meter.at(now);
            live.add(minute.current());
            live.add(minute.previous());
        }
        counts.sync(live, now);
        long nowNanos = System.nanoTime();
        for (Meter meter : meters) {
            Minute minute = meter.at(now);
            minute.current().judge((long) (meter.perMinute - minute.carried(now)), nowNanos, counts.settings());
        }
        if (now - prunedAt >= MINUTE) {
            prunedAt = now;
            store.prune(now - 5 * MINUTE);
        }
    }

    /** Writes what is unwritten, then stops the writer. */
    @Override
    public void close() {
        counts.close();
    }

    /** An endpoint's limits: its default, and its users' and keys' own. */
    private static final class EndpointLimits {
        Meters defaults;
        final Map<String, Meters> users = new HashMap<>();
        final Map<String, Meters> keys = new HashMap<>();

        /** The limit a call counts against: its key's own, else its user's own, else the endpoint's default. */
        Meters pick(Principal principal) {
            if (!keys.isEmpty() && principal instanceof Principal.Key key) {
                Meters own = keys.get(key.keyId());
                if (own != null) {
                    return own;
                }
            }
            if (!users.isEmpty()) {
                Optional<Principal.User> user = principal.user();
                Meters own = user.isPresent() ? users.get(user.get().username()) : null;
                if (own != null) {
                    return own;
                }
            }
            return defaults;
        }

        List<Meters> all() {
            List<Meters> all = new ArrayList<>(users.values());
            all.addAll(keys.values());
            if (defaults != null) {
                all.add(defaults);
            }
            return all;
        }

        Meters find(String id) {
            return all().stream().filter(m -> m.limit.id().equals(id)).findFirst().orElse(null);
        }
    }

    /** A limit in force with its requests and tokens meters (either may be absent). */
    private final class Meters {
        final RateLimit limit;
        final Meter requests;
        final Meter tokens;

        Meters(RateLimit limit) {
            this.limit = limit;
            this.requests = limit.requestsPerMinute().map(n -> new Meter(limit.requestsCounter(), n)).orElse(null);
            this.tokens = limit.tokensPerMinute().map(n -> new Meter(limit.tokensCounter(), n)).orElse(null);
        }

        Optional<GatewayException.RateLimited.Quota> quota(Meter meter, long now, boolean exhausted) {
            if (meter == null) {
                return Optional.empty();
            }
            Minute minute = meter.at(now);
            long remaining = Math.max(0, (long) Math.floor(meter.perMinute - minute.used(now)));
            long reset = exhausted ? minute.waitMillis(now, meter.perMinute, meter == requests ? 1 : 0)
                    : minute.endMillis() - now;
            return Optional.of(new GatewayException.RateLimited.Quota(meter.perMinute, remaining, reset));
        }
    }

    /** One count per minute (requests or tokens) and its limit, with the minute its calls count in now. */
    private final class Meter {
        final String counterId;
        final long perMinute;
        private volatile Minute minute;

        Meter(String counterId, long perMinute) {
            this.counterId = counterId;
            this.perMinute = perMinute;
        }

        Minute at(long now) {
            Minute known = minute;
            if (known == null || now >= known.endMillis() || now < known.startMillis()) {
                long start = now - Math.floorMod(now, MINUTE);
                known = new Minute(start, counts.counter(new CounterKey(counterId, start, start + MINUTE)),
                        counts.counter(new CounterKey(counterId, start - MINUTE, start)));
                minute = known;
            }
            return known;
        }
    }

    /** A minute of the clock: its count, and the count of the minute before. */
    private record Minute(long startMillis, SharedCounts.Counter current, SharedCounts.Counter previous) {

        long endMillis() {
            return startMillis + MINUTE;
        }

        /** What the last minute still weighs at {@code now}: its count times the part of it the sliding minute covers. */
        double carried(long now) {
            return (double) previous.total() * (endMillis() - now) / MINUTE;
        }

        /** The count of the sliding minute that ends at {@code now}. */
        double used(long now) {
            return current.total() + carried(now);
        }

        /** How long until {@code need} more fit under {@code limit}, if no more are counted meanwhile. */
        long waitMillis(long now, long limit, long need) {
            long room = limit - need;
            long cur = current.total();
            if (cur + carried(now) <= room) {
                return 0;
            }
            long prev = previous.total();
            if (cur <= room && prev > 0) { // the last minute's weight fades enough within this minute
                long at = endMillis() - MINUTE * (room - cur) / prev;
                return Math.max(1, at - now);
            }
            // next minute, this one's count fades: cur * (MINUTE - e) / MINUTE <= room
            long fade = room <= 0 ? MINUTE : (MINUTE * (cur - room) + cur - 1) / cur;
            return endMillis() - now + fade;
        }
    }
}
