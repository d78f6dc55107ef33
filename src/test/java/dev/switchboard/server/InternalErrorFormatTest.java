package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.admin.ManagementApi;
import dev.switchboard.api.InvocationApi;
import dev.switchboard.config.ConfigSnapshot;
import dev.switchboard.provider.ProviderRegistry;
import dev.switchboard.routing.Dispatcher;
import dev.switchboard.routing.Invoker;
import dev.switchboard.usage.GatewayMetrics;
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

    @Test
    void an_error_escaping_an_invocation_handler_answers_in_that_routes_format() throws Exception {
        Supplier<ConfigSnapshot> broken = () -> {
            throw new StackOverflowError("simulated");
        };
        InvocationApi invocations = new InvocationApi(broken,
                new Dispatcher(new ProviderRegistry(List.of()), new Invoker(ThreadLocalRandom::current)));
        try (GatewayServer server = GatewayServer.start("127.0.0.1", 0,
                new ManagementApi(null, null, null, null, null), invocations, new GatewayMetrics())) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/gateway/openai/v1/models")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(500);
            assertThat(answer.body()).startsWith("{\"error\":{").contains("Internal error").doesNotContain("simulated");
        }
    }
}
