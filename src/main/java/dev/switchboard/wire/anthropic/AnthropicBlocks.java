package dev.switchboard.wire.anthropic;

import static dev.switchboard.wire.anthropic.AnthropicFields.NODES;
import static dev.switchboard.wire.anthropic.AnthropicFields.given;
import static dev.switchboard.wire.anthropic.AnthropicFields.invalid;
import static dev.switchboard.wire.anthropic.AnthropicFields.putExtra;
import static dev.switchboard.wire.anthropic.AnthropicFields.requiredText;
import static dev.switchboard.wire.anthropic.AnthropicFields.rest;
import static dev.switchboard.wire.anthropic.AnthropicFields.text;
import static dev.switchboard.wire.anthropic.AnthropicFields.textOf;
import static dev.switchboard.wire.anthropic.AnthropicFields.type;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.Content;
import dev.switchboard.core.Document;
import dev.switchboard.core.Image;
import dev.switchboard.core.MediaSource;
import dev.switchboard.core.RedactedThinking;
import dev.switchboard.core.Signatures;
import dev.switchboard.core.Text;
import dev.switchboard.core.Thinking;
import dev.switchboard.core.ToolCall;
import dev.switchboard.core.ToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Anthropic content blocks and canonical {@link Content}, both ways. A tool call's {@code input}
 * object becomes its arguments text (and arguments that are not a JSON object become {@code {}});
 * a document's {@code title} is its name. A caller's thinking whose signature stands for none (empty,
 * or the bare tag the gateway gives another provider's unsigned thinking, see {@link Signatures}) is
 * unsigned thinking; thinking without a signature is written with {@code "signature": ""}. Blocks
 * Anthropic cannot carry (audio documents) encode to nothing; an image-typed document is written as
 * an image.
 */
final class AnthropicBlocks {

    static final Set<String> USER_TYPES = Set.of("text", "image", "document", "tool_result");
    static final Set<String> ASSISTANT_TYPES = Set.of("text", "tool_use", "thinking", "redacted_thinking");
    private static final Set<String> RESULT_TYPES = Set.of("text", "image", "document");

    private AnthropicBlocks() {
    }

    /** A block of a caller's message; {@code allowed} are the types its role may carry. */
    static Content decode(JsonNode block, String path, Set<String> allowed) {
        if (!block.isObject()) {
            throw invalid(path, "must be an object");
        }
        String type = type(block);
        if (!allowed.contains(type)) {
            throw invalid(path + ".type", "must be one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
        return switch (type) {
            case "text" -> new Text(requiredText(block, "text", path + ".text"), rest(block, Set.of("type", "text")));
            case "image" -> new Image(AnthropicSources.decode(block, path, false), Optional.empty(),
                    rest(block, Set.of("type", "source")));
            case "document" -> new Document(AnthropicSources.decode(block, path, true),
                    text(block, "title", path + ".title"),
                    rest(block, Set.of("type", "source", "title")));
            case "tool_use" -> {
                JsonNode input = AnthropicFields.object(block, "input", path + ".input")
                        .orElseThrow(() -> invalid(path + ".input", "is required and must be an object"));
                yield new ToolCall(requiredText(block, "id", path + ".id"), requiredText(block, "name", path + ".name"),
                        input.toString(), rest(block, Set.of("type", "id", "name", "input")));
            }
            case "tool_result" -> new ToolResult(requiredText(block, "tool_use_id", path + ".tool_use_id"),
                    resultContent(block.get("content"), path + ".content"),
                    AnthropicFields.bool(block, "is_error", path + ".is_error").orElse(false),
                    rest(block, Set.of("type", "tool_use_id", "content", "is_error")));
            case "thinking" -> new Thinking(requiredText(block, "thinking", path + ".thinking"),
                    Optional.of(requiredText(block, "signature", path + ".signature"))
                            .filter(s -> !Signatures.unsigned(s)),
                    rest(block, Set.of("type", "thinking", "signature")));
            default -> new RedactedThinking(requiredText(block, "data", path + ".data"),
                    rest(block, Set.of("type", "data")));
        };
    }

    private static List<Content> resultContent(JsonNode content, String path) {
        if (!given(content)) {
            return List.of();
        }
        if (content.isTextual()) {
            return List.of(new Text(content.textValue()));
        }
        if (!content.isArray()) {
            throw invalid(path, "must be a string or a list of content blocks");
        }
        List<Content> blocks = new ArrayList<>(content.size());
        for (int i = 0; i < content.size(); i++) {
            blocks.add(decode(content.get(i), path + "[" + i + "]", RESULT_TYPES));
        }
        return blocks;
    }

    /** A block of a provider's response; types with no canonical form (server tools) are skipped. */
    static Optional<Content> decodeResponse(JsonNode block) {
        return switch (type(block)) {
            case "text" -> Optional.of(new Text(textOf(block.get("text")).orElse(""),
                    rest(block, Set.of("type", "text"))));
            case "tool_use" -> {
                JsonNode input = block.get("input");
                yield Optional.of(new ToolCall(textOf(block.get("id")).orElse(""), textOf(block.get("name")).orElse(""),
                        input != null && input.isObject() ? input.toString() : "{}",
                        rest(block, Set.of("type", "id", "name", "input"))));
            }
            case "thinking" -> Optional.of(new Thinking(textOf(block.get("thinking")).orElse(""),
                    textOf(block.get("signature")).filter(s -> !s.isEmpty()),
                    rest(block, Set.of("type", "thinking", "signature"))));
            case "redacted_thinking" -> Optional.of(new RedactedThinking(textOf(block.get("data")).orElse(""),
                    rest(block, Set.of("type", "data"))));
            default -> Optional.empty();
        };
    }

    /** The Anthropic block for {@code block}, or empty when Anthropic has no form for it. */
    static Optional<ObjectNode> encode(Content block, boolean keep) {
        ObjectNode out = NODES.objectNode();
        switch (block) {
            case Text text -> out.put("type", "text").put("text", text.text());
            case Image image -> out.put("type", "image").set("source", AnthropicSources.encode(image.source()));
            case Document doc -> {
                if (doc.source() instanceof MediaSource.Base64 b64 && b64.mediaType().startsWith("audio/")) {
                    return Optional.empty();
                }
                boolean image = doc.source() instanceof MediaSource.Base64 b64 && b64.mediaType().startsWith("image/");
                out.put("type", image ? "image" : "document").set("source", AnthropicSources.encode(doc.source()));
                if (!image) {
                    doc.name().ifPresent(n -> out.put("title", n));
                }
            }
            case ToolCall call -> {
                out.put("type", "tool_use").put("id", call.id()).put("name", call.name());
                out.set("input", AnthropicFields.inputObject(call.argumentsJson()));
            }
            case ToolResult result -> {
                out.put("type", "tool_result").put("tool_use_id", result.toolCallId());
                JsonNode content = resultContent(result.content(), keep);
                if (content != null) {
                    out.set("content", content);
                }
                if (result.isError()) {
                    out.put("is_error", true);
                }
            }
            case Thinking thinking -> out.put("type", "thinking").put("thinking", thinking.text())
                    .put("signature", thinking.signature().orElse(""));
            case RedactedThinking redacted -> out.put("type", "redacted_thinking").put("data", redacted.data());
        }
        putExtra(out, block.extra(), keep);
        return Optional.of(out);
    }

    /** A lone plain text as a string, other content as a list, no content as {@code null}. */
    private static JsonNode resultContent(List<Content> content, boolean keep) {
        List<Content> usable = content.stream().filter(c -> c instanceof Text || c instanceof Image
                || c instanceof Document).toList();
        if (usable.isEmpty()) {
            return null;
        }
        if (usable.size() == 1 && usable.getFirst() instanceof Text text && (text.extra().isEmpty() || !keep)) {
            return NODES.textNode(text.text());
        }
        ArrayNode blocks = NODES.arrayNode(usable.size());
        usable.forEach(c -> encode(c, keep).ifPresent(blocks::add));
        return blocks;
    }
}
