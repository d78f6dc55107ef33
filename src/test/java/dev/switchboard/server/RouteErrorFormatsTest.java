package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.access.Access;
import dev.switchboard.api.InvocationRoute;
import dev.switchboard.api.Outcome;
import dev.switchboard.api.mlflow.DetailErrorFormat;
import dev.switchboard.wire.anthropic.AnthropicErrorFormat;
import dev.switchboard.wire.gemini.GeminiErrorFormat;
import dev.switchboard.wire.openai.OpenAiErrorFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteErrorFormatsTest {

    private static final InvocationRoute.Handler NONE = exchange -> Outcome.answered();
    private final RouteErrorFormats formats = new RouteErrorFormats(List.of(
            new InvocationRoute("POST", "/gateway/{endpoint}/mlflow/invocations", Access.SIGNED_IN, DetailErrorFormat.INSTANCE, NONE),
            new InvocationRoute("POST", "/gateway/openai/v1/chat/completions", Access.SIGNED_IN, OpenAiErrorFormat.INSTANCE, NONE),
            new InvocationRoute("POST", "/gateway/anthropic/v1/messages", Access.SIGNED_IN, AnthropicErrorFormat.INSTANCE, NONE),
            new InvocationRoute("POST", "/gateway/gemini/v1beta/models/{spec}", Access.SIGNED_IN, GeminiErrorFormat.INSTANCE, NONE)));

    @Test
    void picks_the_format_of_the_route_the_raw_path_fits() {
        assertThat(formats.forPath("/gateway/openai/v1/chat/completions")).isSameAs(OpenAiErrorFormat.INSTANCE);
        assertThat(formats.forPath("/gateway/anthropic/v1/messages;v=%ZZ")).isSameAs(AnthropicErrorFormat.INSTANCE);
        assertThat(formats.forPath("/gateway/gemini/v1beta/models/m%ZZ:generateContent"))
                .isSameAs(GeminiErrorFormat.INSTANCE);
        assertThat(formats.forPath("/gateway/chat/mlflow/invocations")).isSameAs(DetailErrorFormat.INSTANCE);
    }

    @Test
    void ignores_a_query_or_fragment_still_on_the_target() {
        assertThat(formats.forPath("/gateway/gemini/v1beta/models/m:generateContent?key=%ZZ/x/y"))
                .isSameAs(GeminiErrorFormat.INSTANCE);
        assertThat(formats.forPath("/gateway/anthropic/v1/messages#a/b")).isSameAs(AnthropicErrorFormat.INSTANCE);
    }

    @Test
    void falls_back_to_the_catch_all_formats() {
        assertThat(formats.forPath("/gateway/gemini/v1beta/models/")).isSameAs(DetailErrorFormat.INSTANCE);
        assertThat(formats.forPath("/gateway/nowhere")).isSameAs(DetailErrorFormat.INSTANCE);
        assertThat(formats.forPath("/api/3.0/mlflow/gateway/endpoints/list")).isSameAs(ManagementErrorFormat.INSTANCE);
        assertThat(formats.forPath("")).isSameAs(ManagementErrorFormat.INSTANCE);
    }
}
