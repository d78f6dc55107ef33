package dev.switchboard.limits;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.core.ApiBasePolicy;
import dev.switchboard.core.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a budget's alert to its webhook, as MLflow delivers its {@code budget_policy.exceeded}
 * event: a JSON POST of {@code {"entity": "budget_policy", "action": "exceeded", "timestamp", "data"}}
 * with the headers {@code X-MLflow-Delivery-Id} and {@code X-MLflow-Timestamp}, and, when the budget
 * has a signing secret, {@code X-MLflow-Signature: v1,<base64 HMAC-SHA256 of
 * "delivery-id.timestamp.body">}. A delivery that fails (no connection, a time-out, 429 or 5xx) is
 * tried again up to {@link #RETRIES} times, waiting 1 s, then twice as long each time (at most
 * 60 s), or what {@code Retry-After} asks. Deliveries run on their own threads, never on a call's.
 */
public final class BudgetAlerts {

    private static final Logger LOG = LoggerFactory.getLogger(BudgetAlerts.class);
    static final int RETRIES = 3;
    private static final Duration FIRST_WAIT = Duration.ofSeconds(1);
    private static final Duration MAX_WAIT = Duration.ofSeconds(60);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = Json.mapper();

    private final Function<String, Optional<String>> secrets;
    private final ApiBasePolicy addresses;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** Alerts signed with each budget's secret ({@code secrets} by budget id), to the addresses {@code addresses} allows. */
    public BudgetAlerts(Function<String, Optional<String>> secrets, ApiBasePolicy addresses) {
        this.secrets = secrets;
        this.addresses = addresses;
    }

    /** Sends the alert that {@code policy}'s window reached its amount, in the background. */
    public void send(BudgetPolicy policy, CounterKey window, long spendNanos) {
        if (policy.webhookUrl().isEmpty()) {
            LOG.warn("Budget '{}' reached {} in the window from {}; it has no webhook to alert", policy.id(),
                    policy.limitText(), Instant.ofEpochMilli(window.startMillis()));
            return;
        }
        Thread.ofVirtual().name("switchboard-budget-alert").start(() -> deliver(policy, window, spendNanos));
    }

    private void deliver(BudgetPolicy policy, CounterKey window, long spendNanos) {
        String url = policy.webhookUrl().orElseThrow();
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(payload(policy, window, spendNanos, Instant.now()));
        } catch (IOException e) {
            LOG.error("Could not write budget '{}''s alert", policy.id(), e);
            return;
        }
        String deliveryId = UUID.randomUUID().toString();
        Duration wait = FIRST_WAIT;
        for (int attempt = 0; attempt <= RETRIES; attempt++) {
            Optional<Duration> asked = Optional.empty();
            String problem;
            try {
                addresses.checkUrl(url);
                HttpResponse<Void> answer = client.send(request(policy, url, deliveryId, body),
                        HttpResponse.BodyHandlers.discarding());
                int status = answer.statusCode();
                if (status >= 200 && status < 300) {
                    LOG.info("Sent budget '{}''s alert to its webhook (delivery {})", policy.id(), deliveryId);
                    return;
                }
                if (status != 429 && status < 500) {
                    LOG.warn("Budget '{}''s webhook refused its alert with {} (delivery {}); not trying again",
                            policy.id(), status, deliveryId);
                    return;
                }
                problem = "status " + status;
                asked = answer.headers().firstValue("retry-after").flatMap(BudgetAlerts::seconds);
            } catch (IOException | RuntimeException e) {
                problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (attempt == RETRIES) {
                LOG.warn("Budget '{}''s alert was not delivered after {} tries ({}); delivery {}", policy.id(),
                        RETRIES + 1, problem, deliveryId);
                return;
            }
            Duration pause = asked.map(a -> a.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : a).orElse(wait);
            LOG.info("Budget '{}''s webhook did not take its alert ({}); trying again in {} s", policy.id(), problem,
                    pause.toSeconds());
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            wait = wait.multipliedBy(2).compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait.multipliedBy(2);
        }
    }

    private HttpRequest request(BudgetPolicy policy, String url, String deliveryId, byte[] body) {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("X-MLflow-Delivery-Id", deliveryId)
                .header("X-MLflow-Timestamp", timestamp)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        secrets.apply(policy.id()).ifPresent(secret -> request.header("X-MLflow-Signature",
                signature(secret, deliveryId, timestamp, body)));
        return request.build();
    }

    /** {@code v1,} and the base64 HMAC-SHA256, keyed by {@code secret}, of {@code deliveryId.timestamp.body}. */
    static String signature(String secret, String deliveryId, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((deliveryId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this Java runtime", e);
        }
    }

    /** MLflow's event: the budget, its window and what was spent in it. */
    static Map<String, Object> payload(BudgetPolicy policy, CounterKey window, long spendNanos,
                                       Instant now) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("budget_policy_id", policy.id());
        data.put("budget_unit", "USD");
        data.put("budget_amount", policy.amount().doubleValue());
        data.put("current_spend", BudgetPolicy.dollars(spendNanos).doubleValue());
        data.put("duration_unit", policy.unit().name());
        data.put("duration_value", policy.value());
        data.put("target_scope", policy.scope().name());
        data.put("target_value", policy.target().orElse(null));
        data.put("workspace", "default");
        data.put("window_start", window.startMillis());
        data.put("window_end", window.endMillis());
        data.put("time_zone", policy.zone().getId());
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("entity", "budget_policy");
        event.put("action", "exceeded");
        event.put("timestamp", now.toString());
        event.put("data", data);
        return event;
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofMillis((long) (Double.parseDouble(value.trim()) * 1000)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
