package dev.switchboard.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.access.Principal;
import dev.switchboard.core.ApiBasePolicy;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Usage;
import dev.switchboard.store.Database;
import dev.switchboard.store.EnvelopeCrypto;
import dev.switchboard.store.SqlBudgetStore;
import dev.switchboard.testing.TestDatabase;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Budgets over the real store on a clock the test moves: a window rolls over, an ALERT budget's
 * webhook is called once per window with MLflow's signed event, and a failed delivery is tried again.
 */
class BudgetsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DOLLAR = BudgetPolicy.NANOS_PER_DOLLAR;
    private static final String SECRET = "whsec-budgets-test-0123456789";

    @TempDir
    Path dir;
    private final AtomicLong now = new AtomicLong(Instant.parse("2026-12-07T10:00:00Z").toEpochMilli());
    private final InstantSource clock = () -> Instant.ofEpochMilli(now.get());
    private Database database;
    private Budgets budgets;
    private BudgetService service;
    private HttpServer webhook;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger failFirst = new AtomicInteger();

    private record Delivery(Map<String, String> headers, byte[] body) {
    }

    @BeforeEach
    void start() throws IOException {
        database = Database.open(TestDatabase.location(dir, "budgets.db"));
        EnvelopeCrypto crypto = new EnvelopeCrypto(EnvelopeCrypto.deriveKek("budgets test", 1), 1, new SecureRandom());
        SqlBudgetStore store = new SqlBudgetStore(database, crypto);
        budgets = new Budgets(store, new BudgetAlerts(store::webhookSecret, ApiBasePolicy.permissive()), clock,
                new SharedCounts.Settings(false, Duration.ofMillis(20)));
        service = new BudgetService(store, budgets, (scope, target) -> Optional.empty(), ApiBasePolicy.permissive(),
                clock);
        webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhook.createContext("/budget", exchange -> {
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.getFirst()));
            deliveries.add(new Delivery(headers, exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(failFirst.getAndDecrement() > 0 ? 503 : 204, -1);
            exchange.close();
        });
        webhook.start();
    }

    @AfterEach
    void stop() {
        budgets.close();
        webhook.stop(0);
        database.close();
    }

    private BudgetPolicy create(BudgetPolicy.Action action, BudgetWindow.Unit unit) {
        return service.create(new BudgetService.Spec(Optional.of(DOLLAR), Optional.of(unit), Optional.of(1),
                Optional.empty(), Optional.of(BudgetPolicy.Scope.GLOBAL), Optional.empty(), Optional.of(action),
                Optional.of("http://127.0.0.1:" + webhook.getAddress().getPort() + "/budget"), Optional.of(SECRET)),
                Optional.of("test"));
    }

    private void spend(double dollars) {
        budgets.settled("endpoint", Principal.OPEN, Optional.of(BigDecimal.valueOf(dollars)), Usage.NONE);
    }

    private void awaitDeliveries(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (deliveries.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(deliveries).hasSizeGreaterThanOrEqualTo(n);
    }

    @Test
    void a_reject_budget_refuses_until_its_window_rolls_over() {
        create(BudgetPolicy.Action.REJECT, BudgetWindow.Unit.MINUTES);
        spend(0.6);
        budgets.admit("endpoint", Principal.OPEN);
        spend(0.6);

        assertThatThrownBy(() -> budgets.admit("endpoint", Principal.OPEN))
                .isInstanceOf(GatewayException.BudgetExceeded.class)
                .hasMessageContaining("Limit: $1.00 USD per 1 minute. Budget resets at 2026-12-07T10:01:00Z.");
        now.addAndGet(Duration.ofSeconds(60).toMillis());
        budgets.admit("endpoint", Principal.OPEN);
    }

    @Test
    void an_alert_budget_calls_its_webhook_once_per_window_with_a_signed_mlflow_event() throws Exception {
        BudgetPolicy policy = create(BudgetPolicy.Action.ALERT, BudgetWindow.Unit.HOURS);
        spend(0.5);
        Thread.sleep(200);
        assertThat(deliveries).as("not reached yet").isEmpty();
        spend(0.6);
        awaitDeliveries(1);
        spend(5);
        Thread.sleep(300);
        assertThat(deliveries).as("once per window").hasSize(1);

        Delivery delivery = deliveries.getFirst();
        String id = delivery.headers().get("x-mlflow-delivery-id");
        String timestamp = delivery.headers().get("x-mlflow-timestamp");
        assertThat(delivery.headers().get("x-mlflow-signature"))
                .isEqualTo(BudgetAlerts.signature(SECRET, id, timestamp, delivery.body()));
        JsonNode event = JSON.readTree(delivery.body());
        assertThat(event.get("entity").asText()).isEqualTo("budget_policy");
        assertThat(event.get("action").asText()).isEqualTo("exceeded");
        JsonNode data = event.get("data");
        assertThat(data.get("budget_policy_id").asText()).isEqualTo(policy.id());
        assertThat(data.get("budget_amount").asDouble()).isEqualTo(1.0);
        assertThat(data.get("current_spend").asDouble()).isGreaterThanOrEqualTo(1.1);
        assertThat(data.get("duration_unit").asText()).isEqualTo("HOURS");
        assertThat(data.get("window_start").asLong()).isEqualTo(Instant.parse("2026-12-07T10:00:00Z").toEpochMilli());
        assertThat(new String(delivery.body(), StandardCharsets.UTF_8)).doesNotContain(SECRET);

        now.addAndGet(Duration.ofHours(1).toMillis());
        spend(1.2);
        awaitDeliveries(2);
        assertThat(JSON.readTree(deliveries.get(1).body()).at("/data/window_start").asLong())
                .isEqualTo(Instant.parse("2026-12-07T11:00:00Z").toEpochMilli());
    }

    @Test
    void a_delivery_the_webhook_refuses_with_503_is_tried_again_with_the_same_delivery_id() throws Exception {
        failFirst.set(1);
        create(BudgetPolicy.Action.ALERT, BudgetWindow.Unit.DAYS);
        spend(1.5);
        awaitDeliveries(2);
        assertThat(deliveries.get(0).headers().get("x-mlflow-delivery-id"))
                .isEqualTo(deliveries.get(1).headers().get("x-mlflow-delivery-id"));
    }
}
