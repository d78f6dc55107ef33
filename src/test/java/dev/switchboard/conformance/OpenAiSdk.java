package dev.switchboard.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.ObjectMappers;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIServiceException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.embeddings.Embedding;
import com.openai.models.embeddings.EmbeddingCreateParams;
import dev.switchboard.conformance.Cases.Thinking;
import dev.switchboard.conformance.Cases.ToolCall;
import dev.switchboard.conformance.Cases.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * openai-java reading an answer: {@code chat().completions().create}, or {@code createStreaming}
 * with the SDK's {@link ChatCompletionAccumulator}. Thinking is where OpenAI's SDK keeps fields it
 * does not model: the message's additional properties {@code reasoning_content} and
 * {@code thinking_blocks}.
 */
final class OpenAiSdk {

    private static final ChatCompletionCreateParams PARAMS = ChatCompletionCreateParams.builder().model("m")
            .addUserMessage("Hi").build();

    private final OpenAIClient client;

    OpenAiSdk(String baseUrl) {
        client = OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey("not-needed").maxRetries(0).build();
    }

    SdkView read(Mode mode) {
        try {
            if (!mode.stream()) {
                return view(client.chat().completions().create(PARAMS));
            }
            ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
            StringBuilder reasoning = new StringBuilder();
            ArrayNode blocks = Cases.array();
            try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(PARAMS)) {
                stream.stream().forEach(chunk -> {
                    accumulator.accumulate(chunk);
                    chunk.choices().stream().findFirst().ifPresent(choice -> {
                        Map<String, JsonValue> more = choice.delta()._additionalProperties();
                        Optional.ofNullable(more.get("reasoning_content")).ifPresent(r -> reasoning.append(json(r).asText("")));
                        Optional.ofNullable(more.get("thinking_blocks")).ifPresent(b -> json(b).forEach(blocks::add));
                    });
                });
            }
            return view(accumulator.chatCompletion(), reasoning.toString(), blocks);
        } catch (OpenAIServiceException e) {
            return SdkView.failed(e.getClass().getSimpleName(), e.statusCode(), e.getMessage());
        }
    }

    /** The vectors of an embeddings answer, as the SDK types them. */
    List<List<Float>> embeddings() {
        return client.embeddings().create(EmbeddingCreateParams.builder().model("m")
                .inputOfArrayOfStrings(List.of("a", "b")).build()).data().stream().map(Embedding::embedding).toList();
    }

    private static SdkView view(ChatCompletion completion) {
        ChatCompletionMessage message = completion.choices().getFirst().message();
        JsonValue reasoning = message._additionalProperties().get("reasoning_content");
        JsonValue blocks = message._additionalProperties().get("thinking_blocks");
        return view(completion, reasoning == null ? "" : json(reasoning).asText(""),
                blocks == null ? Cases.array() : json(blocks));
    }

    /**
     * The completion as the SDK typed it; thinking where OpenAI's SDK keeps what it does not model:
     * in a message's additional properties, or (the accumulator keeping only the last) in each
     * delta's, added up.
     */
    private static SdkView view(ChatCompletion completion, String reasoning, JsonNode blocks) {
        ChatCompletion.Choice choice = completion.choices().getFirst();
        ChatCompletionMessage message = choice.message();
        List<ToolCall> calls = new ArrayList<>();
        for (ChatCompletionMessageToolCall call : message.toolCalls().orElse(List.of())) {
            var function = call.asFunction();
            calls.add(new ToolCall(function.id(), function.function().name(),
                    Cases.parse(function.function().arguments())));
        }
        List<Thinking> thinking = new ArrayList<>();
        for (JsonNode block : blocks) {
            if (block.path("type").asText().equals("thinking")) {
                thinking.add(new Thinking(block.path("thinking").asText(),
                        Optional.ofNullable(block.get("signature")).map(JsonNode::asText)));
            }
        }
        if (thinking.isEmpty() && !reasoning.isEmpty()) {
            thinking.add(new Thinking(reasoning, Optional.empty()));
        }
        Optional<Usage> usage = completion.usage().map(u -> new Usage((int) u.promptTokens(), (int) u.completionTokens(),
                u.promptTokensDetails().flatMap(d -> d.cachedTokens()).orElse(0L).intValue(), 0,
                u.completionTokensDetails().flatMap(d -> d.reasoningTokens()).orElse(0L).intValue()));
        return new SdkView(message.content().orElse(""), calls, thinking, choice.finishReason().asString(), usage,
                Optional.empty());
    }

    private static JsonNode json(JsonValue value) {
        return ObjectMappers.jsonMapper().valueToTree(value);
    }
}
