package dev.switchboard.store;

import dev.switchboard.config.Audit;
import dev.switchboard.limits.BudgetPolicy;
import dev.switchboard.limits.BudgetStore;
import dev.switchboard.limits.BudgetWindow;
import dev.switchboard.limits.CounterKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Budgets in the {@code budget_policies} table and their spend in {@code budget_windows}. A change
 * to a budget bumps {@code config_version}, so every replica reads the budgets again. Spend is added
 * with one upsert per window ({@code spend = spend + ?}), in a fixed order so that replicas adding
 * to the same windows at once never deadlock.
 */
public final class SqlBudgetStore implements BudgetStore {

    private static final String WEBHOOK_SECRET_NAME = "budget webhook";
    private static final String COLUMNS = "budget_policy_id, amount_nanos, duration_unit, duration_value, time_zone, "
            + "target_scope, target_value, budget_action, webhook_url, created_at, created_by, last_updated_at, "
            + "last_updated_by";

    private final Database database;
    private final EnvelopeCrypto crypto;

    public SqlBudgetStore(Database database, EnvelopeCrypto crypto) {
        this.database = database;
        this.crypto = crypto;
    }

    @Override
    public List<BudgetPolicy> policies() {
        return inTransaction(jdbc -> jdbc.query("SELECT " + COLUMNS + " FROM budget_policies ORDER BY created_at, "
                + "budget_policy_id", SqlBudgetStore::policy));
    }

    @Override
    public Optional<BudgetPolicy> policy(String id) {
        return inTransaction(jdbc -> jdbc.queryOne("SELECT " + COLUMNS + " FROM budget_policies WHERE "
                + "budget_policy_id = ?", SqlBudgetStore::policy, id));
    }

    @Override
    public void insert(BudgetPolicy p, Optional<String> webhookSecret) {
        inTransaction(jdbc -> {
            Changes.announce(jdbc, database.dialect(), Changes.Kind.CONFIG);
            jdbc.update("INSERT INTO budget_policies (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    p.id(), p.amountNanos(), p.unit().name(), p.value(), p.zone().getId(), p.scope().name(),
                    p.target().orElse(null), p.action().name(), p.webhookUrl().orElse(null), p.audit().createdAt(),
                    p.audit().createdBy().orElse(null), p.audit().lastUpdatedAt(),
                    p.audit().lastUpdatedBy().orElse(null));
            webhookSecret.ifPresent(secret -> seal(jdbc, p.id(), secret));
            return null;
        });
    }

    @Override
    public void update(BudgetPolicy p, Optional<String> webhookSecret) {
        inTransaction(jdbc -> {
            Changes.announce(jdbc, database.dialect(), Changes.Kind.CONFIG);
            jdbc.update("UPDATE budget_policies SET amount_nanos = ?, duration_unit = ?, duration_value = ?, "
                            + "time_zone = ?, target_scope = ?, target_value = ?, budget_action = ?, webhook_url = ?, "
                            + "last_updated_at = ?, last_updated_by = ? WHERE budget_policy_id = ?",
                    p.amountNanos(), p.unit().name(), p.value(), p.zone().getId(), p.scope().name(),
                    p.target().orElse(null), p.action().name(), p.webhookUrl().orElse(null),
                    p.audit().lastUpdatedAt(), p.audit().lastUpdatedBy().orElse(null), p.id());
            webhookSecret.ifPresent(secret -> seal(jdbc, p.id(), secret));
            if (p.webhookUrl().isEmpty()) {
                jdbc.update("UPDATE budget_policies SET webhook_secret = NULL, webhook_dek = NULL, kek_version = NULL "
                        + "WHERE budget_policy_id = ?", p.id());
            }
            return null;
        });
    }

    @Override
    public boolean delete(String id) {
        return inTransaction(jdbc -> {
            Changes.announce(jdbc, database.dialect(), Changes.Kind.CONFIG);
            jdbc.update("DELETE FROM budget_windows WHERE budget_policy_id = ?", id);
            return jdbc.update("DELETE FROM budget_policies WHERE budget_policy_id = ?", id) > 0;
        });
    }

    @Override
    public Optional<String> webhookSecret(String id) {
        record Sealed(byte[] value, byte[] dek) { }
        return inTransaction(jdbc -> jdbc.queryOne("SELECT webhook_secret, webhook_dek FROM budget_policies "
                        + "WHERE budget_policy_id = ? AND webhook_secret IS NOT NULL",
                rs -> new Sealed(rs.getBytes(1), rs.getBytes(2)), id))
                .map(sealed -> crypto.open(id, WEBHOOK_SECRET_NAME, sealed.value(), sealed.dek()).get("secret"));
    }

    @Override
    public boolean hasWebhookSecret(String id) {
        return inTransaction(jdbc -> jdbc.queryOne("SELECT 1 FROM budget_policies WHERE budget_policy_id = ? "
                + "AND webhook_secret IS NOT NULL", rs -> true, id).isPresent());
    }

    private void seal(Jdbc jdbc, String id, String secret) {
        EnvelopeCrypto.Sealed sealed = crypto.seal(id, WEBHOOK_SECRET_NAME, Map.of("secret", secret));
        jdbc.update("UPDATE budget_policies SET webhook_secret = ?, webhook_dek = ?, kek_version = ? "
                + "WHERE budget_policy_id = ?", sealed.encryptedValue(), sealed.wrappedDek(), sealed.kekVersion(), id);
    }

    @Override
    public Map<CounterKey, Long> add(Map<CounterKey, Long> nanos) {
        List<CounterKey> ordered = new ArrayList<>(nanos.keySet());
        ordered.sort(Comparator.comparing(CounterKey::counterId).thenComparingLong(CounterKey::startMillis)
                .thenComparingLong(CounterKey::endMillis));
        return inTransaction(jdbc -> {
            Map<CounterKey, Long> totals = new HashMap<>();
            for (CounterKey key : ordered) {
                // A budget deleted meanwhile has no row to add to: its spend is dropped with it.
                boolean exists = jdbc.queryOne("SELECT 1 FROM budget_policies WHERE budget_policy_id = ?",
                        rs -> true, key.counterId()).isPresent();
                long total = !exists ? nanos.get(key) : jdbc.queryOne("INSERT INTO budget_windows (budget_policy_id, "
                                + "window_start_ms, window_end_ms, spend_nanos) VALUES (?, ?, ?, ?) ON CONFLICT "
                                + "(budget_policy_id, window_start_ms, window_end_ms) DO UPDATE SET spend_nanos = "
                                + "budget_windows.spend_nanos + excluded.spend_nanos RETURNING spend_nanos",
                        rs -> rs.getLong(1), key.counterId(), key.startMillis(), key.endMillis(), nanos.get(key))
                        .orElseThrow();
                totals.put(key, total);
            }
            return totals;
        });
    }

    @Override
    public Map<CounterKey, Long> read(Collection<CounterKey> windows) {
        if (windows.isEmpty()) {
            return Map.of();
        }
        return inTransaction(jdbc -> {
            Map<CounterKey, Long> spend = new HashMap<>();
            for (CounterKey key : windows) {
                spend.put(key, jdbc.queryOne("SELECT spend_nanos FROM budget_windows WHERE budget_policy_id = ? AND "
                                + "window_start_ms = ? AND window_end_ms = ?", rs -> rs.getLong(1), key.counterId(),
                        key.startMillis(), key.endMillis()).orElse(0L));
            }
            return spend;
        });
    }

    @Override
    public boolean markAlerted(CounterKey window, long atMillis) {
        return inTransaction(jdbc -> jdbc.update("UPDATE budget_windows SET alerted_at_ms = ? WHERE budget_policy_id = ? "
                + "AND window_start_ms = ? AND window_end_ms = ? AND alerted_at_ms IS NULL", atMillis, window.counterId(),
                window.startMillis(), window.endMillis()) == 1);
    }

    @Override
    public List<WindowRow> windows(String policyId, int limit) {
        return inTransaction(jdbc -> jdbc.query("SELECT window_start_ms, window_end_ms, spend_nanos, alerted_at_ms "
                        + "FROM budget_windows WHERE budget_policy_id = ? ORDER BY window_start_ms DESC LIMIT ?",
                rs -> {
                    long alerted = rs.getLong(4);
                    Optional<Long> at = rs.wasNull() ? Optional.empty() : Optional.of(alerted);
                    return new WindowRow(new CounterKey(policyId, rs.getLong(1), rs.getLong(2)), rs.getLong(3), at);
                }, policyId, limit));
    }

    private static BudgetPolicy policy(ResultSet rs) throws SQLException {
        return new BudgetPolicy(rs.getString("budget_policy_id"), rs.getLong("amount_nanos"),
                BudgetWindow.Unit.valueOf(rs.getString("duration_unit")), rs.getInt("duration_value"),
                ZoneId.of(rs.getString("time_zone")), BudgetPolicy.Scope.valueOf(rs.getString("target_scope")),
                Jdbc.optionalString(rs, "target_value"), BudgetPolicy.Action.valueOf(rs.getString("budget_action")),
                Jdbc.optionalString(rs, "webhook_url"), AuditColumns.read(rs));
    }

    private <T> T inTransaction(java.util.function.Function<Jdbc, T> work) {
        return Jdbc.inTransaction(database.dataSource(), work);
    }
}
