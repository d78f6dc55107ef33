package dev.switchboard.wire.openai;

import static dev.switchboard.wire.openai.OpenAiFields.NODES;
import static dev.switchboard.wire.openai.OpenAiFields.invalid;
import static dev.switchboard.wire.openai.OpenAiFields.putExtra;
import static dev.switchboard.wire.openai.OpenAiFields.requiredText;
import static dev.switchboard.wire.openai.OpenAiFields.rest;
import static dev.switchboard.wire.openai.OpenAiFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.Content;
import dev.switchboard.core.Message;
import dev.switchboard.core.Role;
import dev.switchboard.core.Text;
import dev.switchboard.core.ToolResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code messages} list of a chat request, both ways. Assistant messages are in
 * {@link OpenAiAssistant}. Encoding splits {@link ToolResult}s out of any message into OpenAI
 * {@code tool} messages (Anthropic and Gemini put them in user turns) and drops blocks a role cannot
 * carry in OpenAI's format (images in system or tool messages, signed thinking).
 */
final class OpenAiMessages {

    private static final String ROLES = "must be one of system, developer, user, assistant, tool";

    private OpenAiMessages() {
    }

    static List<Message> decode(JsonNode messages) {
        OpenAiFields.listOfObjects(messages, "messages", true);
        List<Message> decoded = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            decoded.add(decodeOne(messages.get(i), "messages[" + i + "]"));
        }
        return decoded;
    }

    private static Message decodeOne(JsonNode message, String path) {
        JsonNode roleNode = message.get("role");
        String role = roleNode != null && roleNode.isTextual() ? roleNode.textValue() : "";
        Optional<String> name = text(message, "name", path + ".name");
        return switch (role) {
            case "system", "developer", "user" -> new Message(Role.valueOf(role.toUpperCase(Locale.ROOT)),
                    content(message, path), name, rest(message, Set.of("role", "content", "name")));
            case "assistant" -> OpenAiAssistant.decodeRequestMessage(message, path, name);
            case "tool" -> {
                String id = OpenAiThinkingBlocks.callId(requiredText(message, "tool_call_id", path + ".tool_call_id"));
                yield new Message(Role.TOOL, List.of(new ToolResult(id, content(message, path), false)), name,
                        rest(message, Set.of("role", "content", "name", "tool_call_id")));
            }
            default -> throw invalid(path + ".role", ROLES);
        };
    }

    /** A string or a list of parts; an empty string is no content. */
    static List<Content> content(JsonNode message, String path) {
        JsonNode content = message.get("content");
        if (content != null && content.isTextual()) {
            return content.textValue().isEmpty() ? List.of() : List.of(new Text(content.textValue()));
        }
        if (content == null || !content.isArray()) {
            throw invalid(path + ".content", "must be a string or a list of content parts");
        }
        List<Content> blocks = new ArrayList<>(content.size());
        for (int j = 0; j < content.size(); j++) {
            blocks.add(OpenAiParts.decode(content.get(j), path + ".content[" + j + "]"));
        }
        return blocks;
    }

    static ArrayNode encode(List<Message> messages, boolean keepExtra) {
        ArrayNode out = NODES.arrayNode(messages.size());
        for (Message message : messages) {
            if (message.role() == Role.ASSISTANT) {
                out.add(OpenAiAssistant.encodeRequestMessage(message, keepExtra));
                continue;
            }
            List<Content> rest = new ArrayList<>(message.content().size());
            boolean first = true;
            for (Content block : message.content()) {
                if (block instanceof ToolResult result) {
                    ObjectNode tool = out.addObject().put("role", "tool").put("tool_call_id", result.toolCallId());
                    tool.set("content", textContent(result.content(), keepExtra));
                    putExtra(tool, result.extra(), keepExtra);
                    if (message.role() == Role.TOOL && first) {
                        message.name().ifPresent(n -> tool.put("name", n));
                        putExtra(tool, message.extra(), keepExtra);
                    }
                    first = false;
                } else {
                    rest.add(block);
                }
            }
            if (message.role() != Role.TOOL && (!rest.isEmpty() || first)) {
                ObjectNode encoded = out.addObject().put("role", message.role().name().toLowerCase(Locale.ROOT));
                encoded.set("content", message.role() == Role.USER ? parts(rest, keepExtra)
                        : textContent(rest, keepExtra));
                message.name().ifPresent(n -> encoded.put("name", n));
                putExtra(encoded, message.extra(), keepExtra);
            }
        }
        return out;
    }

    /** A lone plain text block as a string, anything else as a list of parts. */
    private static JsonNode parts(List<Content> blocks, boolean keepExtra) {
        if (blocks.isEmpty()) {
            return NODES.textNode("");
        }
        if (blocks.size() == 1 && blocks.getFirst() instanceof Text text && text.extra().isEmpty()) {
            return NODES.textNode(text.text());
        }
        ArrayNode parts = NODES.arrayNode(blocks.size());
        blocks.forEach(block -> OpenAiParts.encode(block, keepExtra).ifPresent(parts::add));
        return parts;
    }

    /** Content of roles that only take text (system, developer, tool): other blocks are dropped. */
    static JsonNode textContent(List<Content> blocks, boolean keepExtra) {
        return parts(blocks.stream().filter(Text.class::isInstance).toList(), keepExtra);
    }
}
