package dev.switchboard.wire.openai;

import static dev.switchboard.wire.openai.OpenAiFields.NODES;
import static dev.switchboard.wire.openai.OpenAiFields.given;
import static dev.switchboard.wire.openai.OpenAiFields.invalid;
import static dev.switchboard.wire.openai.OpenAiFields.putExtra;
import static dev.switchboard.wire.openai.OpenAiFields.requiredText;
import static dev.switchboard.wire.openai.OpenAiFields.rest;
import static dev.switchboard.wire.openai.OpenAiFields.text;
import static dev.switchboard.wire.openai.OpenAiFields.textOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.Content;
import dev.switchboard.core.Message;
import dev.switchboard.core.Role;
import dev.switchboard.core.Text;
import dev.switchboard.core.Thinking;
import dev.switchboard.core.ToolCall;
import dev.switchboard.core.WireFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Assistant messages, in requests (strict) and in responses (lenient), both ways. Canonical content
 * is ordered thinking, text, tool calls. {@code reasoning_content} (DeepSeek and others) and
 * Mistral's {@code thinking} content chunks are unsigned {@link Thinking}; signed thinking travels
 * to and from callers as {@code thinking_blocks} (see {@link OpenAiThinkingBlocks}) and is never
 * sent to an OpenAI-format upstream. A tool call a provider sent without an id gets a random one
 * ({@link OpenAiCallIds}).
 */
final class OpenAiAssistant {

    private static final Set<String> FIELDS = Set.of("role", "content", "name", "tool_calls", "reasoning_content",
            OpenAiThinkingBlocks.FIELD);

    private OpenAiAssistant() {
    }

    static Message decodeRequestMessage(JsonNode message, String path, Optional<String> name) {
        List<Content> blocks = new ArrayList<>();
        Map<String, JsonNode> extra = new LinkedHashMap<>(rest(message, FIELDS));
        Optional<String> reasoning = text(message, "reasoning_content", path + ".reasoning_content");
        JsonNode thinkingBlocks = message.get(OpenAiThinkingBlocks.FIELD);
        if (given(thinkingBlocks)) {
            blocks.addAll(OpenAiThinkingBlocks.decode(thinkingBlocks, path + "." + OpenAiThinkingBlocks.FIELD));
        } else {
            reasoning.filter(r -> !r.isEmpty()).ifPresent(r -> blocks.add(new Thinking(r, Optional.empty())));
        }
        JsonNode content = message.get("content");
        if (given(content) && content.isTextual()) {
            if (!content.textValue().isEmpty()) {
                blocks.add(new Text(content.textValue()));
            }
        } else if (given(content) && content.isArray()) {
            for (int j = 0; j < content.size(); j++) {
                String partPath = path + ".content[" + j + "]";
                JsonNode part = content.get(j);
                String type = part.path("type").asText("");
                if (type.equals("text")) {
                    blocks.add(new Text(requiredText(part, "text", partPath + ".text"), rest(part, Set.of("type", "text"))));
                } else if (type.equals("refusal")) {
                    extra.putIfAbsent("refusal", NODES.textNode(requiredText(part, "refusal", partPath + ".refusal")));
                } else if (type.equals("thinking") && part.path("thinking").isArray()) {
                    thinkingChunk(part).ifPresent(blocks::add);
                } else {
                    throw invalid(partPath + ".type", "must be one of text, refusal, thinking");
                }
            }
        } else if (given(content)) {
            throw invalid(path + ".content", "must be a string, a list of content parts or null");
        }
        JsonNode calls = message.get("tool_calls");
        if (given(calls) && !calls.isArray()) {
            throw invalid(path + ".tool_calls", "must be a list");
        }
        for (int k = 0; given(calls) && k < calls.size(); k++) {
            String callPath = path + ".tool_calls[" + k + "]";
            JsonNode call = calls.get(k);
            if (!call.isObject()) {
                throw invalid(callPath, "must be an object");
            }
            String id = requiredText(call, "id", callPath + ".id");
            JsonNode function = OpenAiFields.object(call, "function", callPath + ".function")
                    .orElseThrow(() -> invalid(callPath + ".function", "must be an object"));
            String toolName = requiredText(function, "name", callPath + ".function.name");
            JsonNode args = function.get("arguments");
            if (given(args) && !args.isTextual() && !args.isObject()) {
                throw invalid(callPath + ".function.arguments", "must be a string");
            }
            blocks.add(new ToolCall(OpenAiThinkingBlocks.callId(id), toolName, arguments(args),
                    OpenAiThinkingBlocks.callExtra(rest(call, Set.of("id", "type", "function")), id)));
        }
        return new Message(Role.ASSISTANT, blocks, name, extra);
    }

    /** The {@code message} of a provider's response choice; unknown fields are kept in its extra. */
    static Message decodeResponseMessage(JsonNode message) {
        List<Content> blocks = new ArrayList<>();
        Set<String> consumed = new HashSet<>(FIELDS);
        consumed.remove(OpenAiThinkingBlocks.FIELD);
        Optional<String> reasoning = textOf(message.get("reasoning_content")).filter(r -> !r.isEmpty());
        if (reasoning.isEmpty()) {
            reasoning = textOf(message.get("reasoning")).filter(r -> !r.isEmpty());
            reasoning.ifPresent(r -> consumed.add("reasoning"));
        }
        reasoning.ifPresent(r -> blocks.add(new Thinking(r, Optional.empty())));
        JsonNode content = message.path("content");
        if (content.isTextual() && !content.textValue().isEmpty()) {
            blocks.add(new Text(content.textValue()));
        } else if (content.isArray()) {
            for (JsonNode part : content) {
                switch (part.path("type").asText("")) {
                    case "text" -> textOf(part.get("text")).ifPresent(t -> blocks.add(new Text(t)));
                    case "thinking" -> thinkingChunk(part).ifPresent(blocks::add);
                    default -> { }
                }
            }
        }
        // A provider's answer is read leniently: tool_calls that are not a list are no calls.
        JsonNode calls = message.path("tool_calls");
        for (JsonNode call : calls.isArray() ? calls : NODES.arrayNode()) {
            String id = textOf(call.get("id")).filter(s -> !s.isEmpty()).orElseGet(OpenAiCallIds::next);
            blocks.add(new ToolCall(id, textOf(call.path("function").get("name")).orElse(""),
                    arguments(call.path("function").get("arguments")),
                    rest(call, Set.of("id", "type", "function"))));
        }
        return new Message(Role.ASSISTANT, blocks, textOf(message.get("name")), rest(message, consumed));
    }

    /**
     * Mistral's thinking chunk, {@code {"type": "thinking", "thinking": [{"type": "text", "text": ...}]}},
     * as unsigned thinking; empty when it holds no text.
     */
    static Optional<Thinking> thinkingChunk(JsonNode part) {
        StringBuilder text = new StringBuilder();
        part.path("thinking").forEach(inner -> textOf(inner.get("text")).ifPresent(text::append));
        return text.isEmpty() ? Optional.empty() : Optional.of(new Thinking(text.toString(), Optional.empty()));
    }

    private static String arguments(JsonNode args) {
        if (args == null || args.isNull() || args.isMissingNode()) {
            return "{}";
        }
        return args.isTextual() ? args.textValue() : args.toString();
    }

    /**
     * An assistant message for a caller: all thinking text as {@code reasoning_content}, signed and
     * redacted thinking also as {@code thinking_blocks}, and a function call's Gemini signature as
     * {@code extra_content}, each signature tagged unless {@code maker} (the format the response was
     * decoded from) is OpenAI's.
     */
    static ObjectNode encodeResponseMessage(Message message, boolean keepExtra, Optional<WireFormat> maker) {
        ObjectNode out = encode(message, keepExtra, true, maker);
        OpenAiThinkingBlocks.encode(message.content(), maker).ifPresent(b -> out.set(OpenAiThinkingBlocks.FIELD, b));
        return out;
    }

    /** An assistant message for an OpenAI-format provider: thinking another provider signed is left out. */
    static ObjectNode encodeRequestMessage(Message message, boolean keepExtra) {
        return encode(message, keepExtra, false, Optional.empty());
    }

    private static ObjectNode encode(Message message, boolean keepExtra, boolean response, Optional<WireFormat> maker) {
        List<Text> texts = new ArrayList<>();
        List<ToolCall> calls = new ArrayList<>();
        List<String> thoughts = new ArrayList<>();
        for (Content block : message.content()) {
            switch (block) {
                case Text text -> texts.add(text);
                case ToolCall call -> calls.add(call);
                case Thinking thinking when response || thinking.signature().isEmpty() -> thoughts.add(thinking.text());
                default -> { }
            }
        }
        ObjectNode out = NODES.objectNode().put("role", "assistant");
        boolean refused = message.extra().getOrDefault("refusal", NODES.nullNode()).isTextual();
        if (texts.isEmpty()) {
            out.set("content", calls.isEmpty() && !refused ? NODES.textNode("") : NODES.nullNode());
        } else if (response || (texts.size() == 1 && texts.getFirst().extra().isEmpty())) {
            // An answer's content is one string (the SDKs read no list there); a request's may be parts.
            StringBuilder joined = new StringBuilder();
            texts.forEach(text -> joined.append(text.text()));
            out.put("content", joined.toString());
        } else {
            ArrayNode parts = out.putArray("content");
            texts.forEach(t -> OpenAiParts.encode(t, keepExtra).ifPresent(parts::add));
        }
        message.name().ifPresent(n -> out.put("name", n));
        if (!thoughts.isEmpty()) {
            out.put("reasoning_content", String.join("", thoughts));
        }
        if (!calls.isEmpty()) {
            ArrayNode toolCalls = out.putArray("tool_calls");
            for (ToolCall call : calls) {
                ObjectNode encoded = toolCalls.addObject().put("id", call.id()).put("type", "function");
                encoded.putObject("function").put("name", call.name()).put("arguments", call.argumentsJson());
                if (response) {
                    OpenAiThinkingBlocks.toolCallExtra(call, maker).ifPresent(e -> encoded.set("extra_content", e));
                }
                putExtra(encoded, call.extra(), keepExtra);
            }
        }
        putExtra(out, message.extra(), keepExtra);
        return out;
    }
}
