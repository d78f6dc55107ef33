package dev.switchboard.conformance;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIServiceException;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseReasoningItem;
import com.openai.models.responses.ResponseStreamEvent;
import dev.switchboard.conformance.Cases.Thinking;
import dev.switchboard.conformance.Cases.ToolCall;
import dev.switchboard.conformance.Cases.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * openai-java reading a Responses answer: {@code responses().create}, or {@code createStreaming}
 * with every event validated and put together by the SDK's {@link ResponseAccumulator}. The stop
 * reason is the status, with the incomplete reason after a colon, as {@link ResponsesSurface} reads it.
 */
final class ResponsesSdk {

    private static final ResponseCreateParams PARAMS = ResponseCreateParams.builder().model("m").input("Hi").build();

    private final OpenAIClient client;

    ResponsesSdk(String baseUrl) {
        client = OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey("not-needed").maxRetries(0).build();
    }

    SdkView read(Mode mode) {
        try {
            if (!mode.stream()) {
                Response response = client.responses().create(PARAMS);
                response.validate();
                return view(response);
            }
            ResponseAccumulator accumulator = ResponseAccumulator.create();
            try (StreamResponse<ResponseStreamEvent> stream = client.responses().createStreaming(PARAMS)) {
                stream.stream().forEach(event -> {
                    event.validate();
                    accumulator.accumulate(event);
                });
            }
            return view(accumulator.response());
        } catch (OpenAIServiceException e) {
            return SdkView.failed(e.getClass().getSimpleName(), e.statusCode(), e.getMessage());
        }
    }

    private static SdkView view(Response response) {
        StringBuilder text = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        List<Thinking> thinking = new ArrayList<>();
        for (ResponseOutputItem item : response.output()) {
            if (item.isMessage()) {
                item.asMessage().content().forEach(content -> content.outputText()
                        .ifPresent(part -> text.append(part.text())));
            } else if (item.isFunctionCall()) {
                var call = item.asFunctionCall();
                calls.add(new ToolCall(call.callId(), call.name(), Cases.parse(call.arguments())));
            } else if (item.isReasoning()) {
                ResponseReasoningItem reasoning = item.asReasoning();
                thinking.add(new Thinking(String.join("\n\n", reasoning.summary().stream()
                        .map(ResponseReasoningItem.Summary::text).toList()), reasoning.encryptedContent()));
            }
        }
        String stop = response.status().map(s -> s.asString()).orElse("")
                + response.incompleteDetails().flatMap(d -> d.reason()).map(r -> ":" + r.asString()).orElse("");
        Optional<Usage> usage = response.usage().map(u -> new Usage((int) u.inputTokens(), (int) u.outputTokens(),
                (int) u.inputTokensDetails().cachedTokens(), 0, (int) u.outputTokensDetails().reasoningTokens()));
        return new SdkView(text.toString(), calls, thinking, stop, usage, Optional.empty());
    }
}
