package dev.switchboard.conformance;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.ObjectMappers;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import dev.switchboard.conformance.Cases.Thinking;
import dev.switchboard.conformance.Cases.ToolCall;
import dev.switchboard.conformance.Cases.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * anthropic-java reading an answer: {@code messages().create}, or {@code createStreaming} with the
 * SDK's {@link MessageAccumulator}, which also refuses events out of Anthropic's order.
 */
final class AnthropicSdk {

    private static final MessageCreateParams PARAMS = MessageCreateParams.builder().model("m").maxTokens(256)
            .addUserMessage("Hi").build();

    private final AnthropicClient client;

    AnthropicSdk(String baseUrl) {
        client = AnthropicOkHttpClient.builder().baseUrl(baseUrl).apiKey("not-needed").maxRetries(0).build();
    }

    SdkView read(Mode mode) {
        try {
            if (!mode.stream()) {
                return view(client.messages().create(PARAMS));
            }
            MessageAccumulator accumulator = MessageAccumulator.create();
            try (StreamResponse<RawMessageStreamEvent> stream = client.messages().createStreaming(PARAMS)) {
                stream.stream().forEach(accumulator::accumulate);
            }
            return view(accumulator.message());
        } catch (AnthropicServiceException e) {
            return SdkView.failed(e.getClass().getSimpleName(), e.statusCode(), e.getMessage());
        }
    }

    private static SdkView view(Message message) {
        StringBuilder text = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        List<Thinking> thinking = new ArrayList<>();
        for (ContentBlock block : message.content()) {
            block.text().ifPresent(t -> text.append(t.text()));
            block.toolUse().ifPresent(use -> calls.add(new ToolCall(use.id(), use.name(),
                    ObjectMappers.jsonMapper().valueToTree(use._input()))));
            block.thinking().ifPresent(t -> thinking.add(new Thinking(t.thinking(), Optional.of(t.signature()))));
        }
        var usage = message.usage();
        int cacheRead = usage.cacheReadInputTokens().orElse(0L).intValue();
        int cacheWrite = usage.cacheCreationInputTokens().orElse(0L).intValue();
        int reasoning = usage.outputTokensDetails().map(d -> (int) d.thinkingTokens()).orElse(0);
        return new SdkView(text.toString(), calls, thinking, message.stopReason().map(Object::toString).orElse(""),
                Optional.of(new Usage((int) usage.inputTokens() + cacheRead + cacheWrite, (int) usage.outputTokens(),
                        cacheRead, cacheWrite, reasoning)), Optional.empty());
    }
}
