package dev.switchboard.store;

import dev.switchboard.usage.Price;
import dev.switchboard.usage.UsageRecord;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The series a usage call belongs to: its route, endpoint, target, caller and price, stored once in
 * {@code usage_series} so that each call's row binds numbers only. Ids are cached (the most recently
 * used few thousand); a series is looked up in the database the first time a writer meets it and
 * inserted if no row matches. Ids found or made inside a transaction reach the cache only once it
 * commits, so a rolled-back batch never leaves an id that does not exist. Used by one writer at a time.
 */
final class UsageSeries {

    private static final int CACHED = 4096;

    private static final String FIND = "SELECT series_id, route, endpoint_name, provider, model, caller_kind, "
            + "caller_name, price FROM usage_series WHERE endpoint_id = ? AND caller_id = ?";

    private static final String INSERT = "INSERT INTO usage_series (route, endpoint_id, endpoint_name, provider, "
            + "model, caller_kind, caller_id, caller_name, price) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Map<Key, Long> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Long> eldest) {
            return size() > CACHED;
        }
    };

    /** What makes two calls' series the same: everything a call names by text. */
    record Key(String route, String endpointId, String endpointName, String provider, String model, String callerKind,
               String callerId, String callerName, Optional<String> price) {

        static Key of(UsageRecord r) {
            return new Key(r.route(), r.endpointId(), r.endpointName(), r.provider(), r.model(),
                    r.caller().kind().label(), r.caller().id(), r.caller().name(), r.price().map(Price::json));
        }
    }

    /** The series ids of one transaction: looked up or made in it, cached once it commits. */
    final class Batch {
        private final Jdbc jdbc;
        private final Map<Key, Long> made = new HashMap<>();

        Batch(Jdbc jdbc) {
            this.jdbc = jdbc;
        }

        long idOf(UsageRecord r) {
            Key key = Key.of(r);
            Long id = cache.get(key);
            if (id == null) {
                id = made.computeIfAbsent(key, this::findOrInsert);
            }
            return id;
        }

        private long findOrInsert(Key key) {
            var stored = jdbc.query(FIND, rs -> Map.entry(rs.getLong("series_id"), new Key(rs.getString("route"),
                    key.endpointId(), rs.getString("endpoint_name"), rs.getString("provider"), rs.getString("model"),
                    rs.getString("caller_kind"), key.callerId(), rs.getString("caller_name"),
                    Jdbc.optionalString(rs, "price"))), key.endpointId(), key.callerId());
            for (Map.Entry<Long, Key> series : stored) {
                if (series.getValue().equals(key)) {
                    return series.getKey();
                }
            }
            return jdbc.insert(INSERT, "series_id", key.route(), key.endpointId(), key.endpointName(), key.provider(),
                    key.model(), key.callerKind(), key.callerId(), key.callerName(), key.price());
        }

        /** Called once the transaction has committed. */
        void committed() {
            cache.putAll(made);
        }
    }

    Batch begin(Jdbc jdbc) {
        return new Batch(jdbc);
    }
}
