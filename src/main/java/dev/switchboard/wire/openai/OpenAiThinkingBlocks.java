package dev.switchboard.wire.openai;

import static dev.switchboard.wire.openai.OpenAiFields.NODES;
import static dev.switchboard.wire.openai.OpenAiFields.invalid;
import static dev.switchboard.wire.openai.OpenAiFields.requiredText;
import static dev.switchboard.wire.openai.OpenAiFields.rest;
import static dev.switchboard.wire.openai.OpenAiFields.text;
import static dev.switchboard.wire.openai.OpenAiFields.textOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.Content;
import dev.switchboard.core.RedactedThinking;
import dev.switchboard.core.Signatures;
import dev.switchboard.core.Thinking;
import dev.switchboard.core.ToolCall;
import dev.switchboard.core.WireFormat;
import dev.switchboard.wire.gemini.GeminiFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Signed thinking on the OpenAI surface, whose format has no field for it, in the forms OpenAI-style
 * clients already use, so that a caller can send a tool-use turn back to the provider that signed it:
 * <ul>
 * <li>{@code thinking_blocks} on an assistant message and in stream deltas, as LiteLLM writes them:
 *     {@code {"type": "thinking", "thinking": ..., "signature": ...}} and
 *     {@code {"type": "redacted_thinking", "data": ...}}. Only signed and redacted blocks are listed;
 *     {@code reasoning_content} still carries all the thinking text for readers that know only it.</li>
 * <li>Gemini's {@code thoughtSignature} on a function call as the tool call's
 *     {@code extra_content.google.thought_signature}, as Gemini's own OpenAI-compatible API writes
 *     it. In requests LiteLLM's forms are read too ({@code provider_specific_fields.thought_signature},
 *     and a tool call id ending in {@code __thought__<signature>}) and normalised to that one, which
 *     the Gemini codec reads.</li>
 * </ul>
 * Signatures (and redacted data) go to the caller tagged with the provider that made them (see
 * {@link Signatures}), so each comes back only to its maker.
 */
final class OpenAiThinkingBlocks {

    static final String FIELD = "thinking_blocks";
    /** LiteLLM's separator between a tool call id and the Gemini signature it carries. */
    static final String ID_SEPARATOR = "__thought__";
    /** The format name whose function-call signatures travel in {@code extra_content.google}. */
    /** Where the Gemini codec keeps a function-call part's signature in a tool call's extra. */
    private static final String GEMINI_PART_SIGNATURE = "thoughtSignature";

    private OpenAiThinkingBlocks() {
    }

    /** The {@code thinking_blocks} of a response's content; empty when no block is signed or redacted. */
    static Optional<ArrayNode> encode(List<Content> content, Optional<WireFormat> maker) {
        ArrayNode blocks = NODES.arrayNode();
        for (Content block : content) {
            switch (block) {
                case Thinking thinking when thinking.signature().isPresent() ->
                        blocks.add(thinking(thinking.text(), forCaller(thinking.signature().get(), maker)));
                case RedactedThinking redacted -> blocks.add(redacted(forCaller(redacted.data(), maker)));
                default -> { }
            }
        }
        return blocks.isEmpty() ? Optional.empty() : Optional.of(blocks);
    }

    static ObjectNode thinking(String text, String signature) {
        return NODES.objectNode().put("type", "thinking").put("thinking", text).put("signature", signature);
    }

    static ObjectNode redacted(String data) {
        return NODES.objectNode().put("type", "redacted_thinking").put("data", data);
    }

    static String forCaller(String signature, Optional<WireFormat> maker) {
        return Signatures.forCaller(signature, maker, OpenAiChatFormat.INSTANCE);
    }

    /** A caller's {@code thinking_blocks}, in order; a block without a signature is unsigned thinking. */
    static List<Content> decode(JsonNode blocks, String path) {
        if (!blocks.isArray()) {
            throw invalid(path, "must be a list");
        }
        List<Content> decoded = new ArrayList<>(blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            String blockPath = path + "[" + i + "]";
            JsonNode block = blocks.get(i);
            if (!block.isObject()) {
                throw invalid(blockPath, "must be an object");
            }
            switch (text(block, "type", blockPath + ".type").orElse("")) {
                case "thinking" -> decoded.add(new Thinking(text(block, "thinking", blockPath + ".thinking").orElse(""),
                        text(block, "signature", blockPath + ".signature").filter(s -> !s.isEmpty()),
                        rest(block, Set.of("type", "thinking", "signature"))));
                case "redacted_thinking" -> decoded.add(new RedactedThinking(
                        requiredText(block, "data", blockPath + ".data"), rest(block, Set.of("type", "data"))));
                default -> throw invalid(blockPath + ".type", "must be 'thinking' or 'redacted_thinking'");
            }
        }
        return decoded;
    }

    /**
     * The {@code extra_content} of a response's tool call when its maker signed it: Gemini's
     * {@code thoughtSignature}, which the Gemini codec kept in the call's extra, tagged for the caller.
     */
    static Optional<ObjectNode> toolCallExtra(ToolCall call, Optional<WireFormat> maker) {
        return textOf(call.extra().get(GEMINI_PART_SIGNATURE)).flatMap(signature -> toolCallExtra(signature, maker));
    }

    /**
     * {@code {"google": {"thought_signature": ...}}} for the signature {@code maker} put on a tool
     * call, tagged for the caller; empty unless the maker is Gemini, the only one that signs calls.
     */
    static Optional<ObjectNode> toolCallExtra(String signature, Optional<WireFormat> maker) {
        if (signature.isEmpty() || maker.filter(format -> format == GeminiFormat.INSTANCE).isEmpty()) {
            return Optional.empty();
        }
        ObjectNode extra = NODES.objectNode();
        extra.putObject("google").put("thought_signature", forCaller(signature, maker));
        return Optional.of(extra);
    }

    /** A caller's tool call id without a signature LiteLLM appended to it. */
    static String callId(String id) {
        int at = id.indexOf(ID_SEPARATOR);
        return at > 0 && at + ID_SEPARATOR.length() < id.length() ? id.substring(0, at) : id;
    }

    /**
     * The extra of a caller's tool call, with a Gemini signature given in one of LiteLLM's forms
     * ({@code givenId} is the id as the caller sent it) moved to
     * {@code extra_content.google.thought_signature}, unless one is there already.
     */
    static Map<String, JsonNode> callExtra(Map<String, JsonNode> extra, String givenId) {
        JsonNode content = extra.get("extra_content");
        if (content != null && content.path("google").path("thought_signature").isTextual()) {
            return extra;
        }
        Optional<String> signature = textOf(extra.getOrDefault("provider_specific_fields", NODES.missingNode())
                .get("thought_signature")).filter(s -> !s.isEmpty());
        if (signature.isEmpty() && !callId(givenId).equals(givenId)) {
            signature = Optional.of(givenId.substring(givenId.indexOf(ID_SEPARATOR) + ID_SEPARATOR.length()));
        }
        if (signature.isEmpty()) {
            return extra;
        }
        ObjectNode merged = content instanceof ObjectNode given ? given.deepCopy() : NODES.objectNode();
        JsonNode google = merged.get("google");
        (google instanceof ObjectNode g ? g : merged.putObject("google")).put("thought_signature", signature.get());
        Map<String, JsonNode> out = new LinkedHashMap<>(extra);
        out.put("extra_content", merged);
        return out;
    }

    /**
     * See {@link OpenAiChatCodec#untagSignatures}: in each assistant message, thinking blocks and
     * function-call signatures tagged as another provider's are removed, with the fields left empty.
     */
    /** Whether any message has thinking blocks or a tool call with extra content, where tags may be. */
    static boolean mayCarrySignatures(JsonNode messages) {
        for (JsonNode message : messages) {
            if (message.has(FIELD)) {
                return true;
            }
            for (JsonNode call : message.path("tool_calls")) {
                if (call.has("extra_content")) {
                    return true;
                }
            }
        }
        return false;
    }

    static void untag(JsonNode messages) {
        for (JsonNode message : messages) {
            if (message.get(FIELD) instanceof ArrayNode blocks) {
                for (int i = blocks.size() - 1; i >= 0; i--) {
                    JsonNode block = blocks.get(i);
                    JsonNode signed = block.has("signature") ? block.get("signature") : block.get("data");
                    if (signed != null && signed.isTextual() && foreign(signed.textValue())) {
                        blocks.remove(i);
                    }
                }
                if (blocks.isEmpty()) {
                    ((ObjectNode) message).remove(FIELD);
                }
            }
            for (JsonNode call : message.path("tool_calls")) {
                if (call.path("extra_content").get("google") instanceof ObjectNode google
                        && google.path("thought_signature").isTextual()
                        && foreign(google.get("thought_signature").textValue())) {
                    google.remove("thought_signature");
                    if (google.isEmpty()) {
                        ((ObjectNode) call.get("extra_content")).remove("google");
                    }
                    if (call.get("extra_content").isEmpty()) {
                        ((ObjectNode) call).remove("extra_content");
                    }
                }
            }
        }
    }

    /** Whether the gateway tagged {@code signature} as made by a provider of another format than OpenAI's. */
    private static boolean foreign(String signature) {
        return Signatures.forProvider(signature, Optional.of(OpenAiChatFormat.INSTANCE), OpenAiChatFormat.INSTANCE).isEmpty();
    }
}
