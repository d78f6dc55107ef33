package dev.switchboard.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A chat call in provider-neutral form: what every surface decodes to and every provider encodes
 * from. The model is not part of it; the gateway picks one per target.
 *
 * <p>{@code includeUsage} records that the caller asked for usage at the end of its stream (OpenAI's
 * {@code stream_options.include_usage}); providers are asked for usage regardless.
 *
 * <p>Every {@code extra} map in the request (here, and in its messages, content blocks and tools)
 * holds fields the model does not name, under the names used by {@code sourceFormat}, the wire
 * format that decoded the request. An encoder re-emits them verbatim only
 * when {@link #extraApplies} to its own format; toward another format it may map the few it
 * understands (e.g. OpenAI's {@code user} or {@code parallel_tool_calls}) and drops the rest, so one
 * provider's parameters never make another one reject the call.
 */
public record ChatRequest(List<Message> messages, List<Tool> tools, Optional<ToolChoice> toolChoice,
                          Sampling sampling, Optional<ResponseFormat> responseFormat, Optional<Reasoning> reasoning,
                          boolean stream, boolean includeUsage, Map<String, JsonNode> extra,
                          Optional<WireFormat> sourceFormat) {

    public ChatRequest {
        messages = List.copyOf(messages);
        tools = List.copyOf(tools);
        Objects.requireNonNull(toolChoice, "toolChoice");
        Objects.requireNonNull(sampling, "sampling");
        Objects.requireNonNull(responseFormat, "responseFormat");
        Objects.requireNonNull(reasoning, "reasoning");
        extra = Extra.copy(extra);
        Objects.requireNonNull(sourceFormat, "sourceFormat");
    }

    /** A request built in code: its extras, if any, apply to every format. */
    public ChatRequest(List<Message> messages, List<Tool> tools, Optional<ToolChoice> toolChoice, Sampling sampling,
                       Optional<ResponseFormat> responseFormat, Optional<Reasoning> reasoning, boolean stream,
                       boolean includeUsage, Map<String, JsonNode> extra) {
        this(messages, tools, toolChoice, sampling, responseFormat, reasoning, stream, includeUsage, extra,
                Optional.empty());
    }

    /** A non-streaming request with only messages and every parameter left to the provider. */
    public static ChatRequest of(List<Message> messages) {
        return new ChatRequest(messages, List.of(), Optional.empty(), Sampling.NONE, Optional.empty(),
                Optional.empty(), false, false, Map.of());
    }

    /** Whether the {@code extra} maps of this request are in {@code format}'s naming (or in no particular one). */
    public boolean extraApplies(WireFormat format) {
        return sourceFormat.isEmpty() || sourceFormat.get() == format;
    }
}
