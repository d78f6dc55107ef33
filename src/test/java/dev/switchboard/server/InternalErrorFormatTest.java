package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.admin.ManagementApi;
import dev.switchboard.api.InvocationApi;
import dev.switchboard.config.ConfigSnapshot;
import dev.switchboard.provider.ProviderRegistry;
import dev.switchboard.routing.Dispatcher;
import dev.switchboard.routing.Invoker;
import dev.switchboard.store.Database;
import dev.switchboard.store.SqlUsageStore;
import dev.switchboard.usage.GatewayMetrics;
import dev.switchboard.usage.Pricer;
import dev.switchboard.usage.UsageRecorder;
import dev.switchboard.usage.UsageSettings;
import java.nio.file.Path;
import java.time.InstantSource;
import org.junit.jupiter.api.io.TempDir;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A failure that escapes a handler (an Error, not an exception) still answers in the called route's format. */
class InternalErrorFormatTest {

    @TempDir
    Path dir;

    @Test
    void an_error_escaping_an_invocation_handler_answers_in_that_routes_format() throws Exception {
        Supplier<ConfigSnapshot> broken = () -> {
            throw new StackOverflowError("simulated");
        };
        InvocationApi invocations = new InvocationApi(broken,
                new Dispatcher(new ProviderRegistry(List.of()), new Invoker(ThreadLocalRandom::current)));
        try (Database database = Database.open(dir.resolve("gw.db").toString());
             UsageRecorder usage = new UsageRecorder(new GatewayMetrics(), Pricer.NONE, new SqlUsageStore(database),
                     UsageSettings.defaults(), InstantSource.system());
             GatewayServer server = GatewayServer.start("127.0.0.1", 0,
                     new ManagementApi(null, null, null, null, null), invocations, usage)) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/gateway/openai/v1/models")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(500);
            assertThat(answer.body()).startsWith("{\"error\":{").contains("Internal error").doesNotContain("simulated");
        }
    }
}
