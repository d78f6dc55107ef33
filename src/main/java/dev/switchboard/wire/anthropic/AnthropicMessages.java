package dev.switchboard.wire.anthropic;

import static dev.switchboard.wire.anthropic.AnthropicFields.NODES;
import static dev.switchboard.wire.anthropic.AnthropicFields.given;
import static dev.switchboard.wire.anthropic.AnthropicFields.invalid;
import static dev.switchboard.wire.anthropic.AnthropicFields.putExtra;
import static dev.switchboard.wire.anthropic.AnthropicFields.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.Content;
import dev.switchboard.core.Document;
import dev.switchboard.core.Image;
import dev.switchboard.core.Message;
import dev.switchboard.core.RedactedThinking;
import dev.switchboard.core.Role;
import dev.switchboard.core.Signatures;
import dev.switchboard.core.Text;
import dev.switchboard.core.Thinking;
import dev.switchboard.core.ToolCall;
import dev.switchboard.core.ToolResult;
import dev.switchboard.core.WireFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code system} prompt and the {@code messages} list, both ways.
 *
 * <p>Decoding: {@code system} becomes one {@link Role#SYSTEM} message (a string is one text block);
 * a user turn's {@code tool_result} blocks become {@link Role#TOOL} messages, so a user turn may
 * split into several canonical messages, in order.
 *
 * <p>Encoding: system and developer messages are lifted, in order, into {@code system} (their
 * text only); user and tool messages become user turns and consecutive turns of one role are merged,
 * as Anthropic requires alternation, with a merged turn's {@code tool_result} blocks moved first.
 * A turn of one plain text block is written as a string. Thinking goes only with a signature
 * Anthropic made: untagged in a request from Anthropic's format, or tagged as Anthropic's (see
 * {@link Signatures}) from any format, and is sent untagged; other thinking is dropped. Unless the
 * request came from Anthropic's format, empty text blocks are dropped; blocks a role cannot carry
 * are dropped, and turns left empty are skipped.
 */
final class AnthropicMessages {

    private AnthropicMessages() {
    }

    /** {@code system}, if given, is a string or a list of objects (text blocks). */
    static void checkSystem(JsonNode system) {
        if (given(system) && !system.isTextual()) {
            if (!system.isArray()) {
                throw invalid("system", "must be a string or a list of text blocks");
            }
            AnthropicFields.listOfObjects(system, "system", false);
        }
    }

    static List<Message> decodeSystem(JsonNode system) {
        checkSystem(system);
        if (!given(system)) {
            return List.of();
        }
        if (system.isTextual()) {
            return List.of(new Message(Role.SYSTEM, List.of(new Text(system.textValue()))));
        }
        List<Content> blocks = new ArrayList<>(system.size());
        for (int i = 0; i < system.size(); i++) {
            blocks.add(AnthropicBlocks.decode(system.get(i), "system[" + i + "]", Set.of("text")));
        }
        return List.of(new Message(Role.SYSTEM, blocks));
    }

    static List<Message> decode(JsonNode messages) {
        AnthropicFields.listOfObjects(messages, "messages", true);
        List<Message> decoded = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            decodeOne(messages.get(i), "messages[" + i + "]", decoded);
        }
        return decoded;
    }

    private static void decodeOne(JsonNode message, String path, List<Message> out) {
        JsonNode roleNode = message.get("role");
        String role = roleNode != null && roleNode.isTextual() ? roleNode.textValue() : "";
        if (!role.equals("user") && !role.equals("assistant")) {
            throw invalid(path + ".role", "must be one of user, assistant");
        }
        boolean user = role.equals("user");
        Map<String, JsonNode> extra = rest(message, Set.of("role", "content"));
        JsonNode content = message.get("content");
        List<Content> blocks = new ArrayList<>();
        if (content != null && content.isTextual()) {
            blocks.add(new Text(content.textValue()));
        } else if (content != null && content.isArray()) {
            for (int j = 0; j < content.size(); j++) {
                blocks.add(AnthropicBlocks.decode(content.get(j), path + ".content[" + j + "]",
                        user ? AnthropicBlocks.USER_TYPES : AnthropicBlocks.ASSISTANT_TYPES));
            }
        } else {
            throw invalid(path + ".content", "must be a string or a list of content blocks");
        }
        if (!user) {
            out.add(new Message(Role.ASSISTANT, blocks, Optional.empty(), extra));
            return;
        }
        // Runs of tool results become TOOL messages, the rest USER messages, keeping their order.
        int start = 0;
        for (int j = 1; j <= blocks.size(); j++) {
            boolean runEnds = j == blocks.size()
                    || (blocks.get(j) instanceof ToolResult) != (blocks.get(start) instanceof ToolResult);
            if (runEnds) {
                Role kind = blocks.get(start) instanceof ToolResult ? Role.TOOL : Role.USER;
                out.add(new Message(kind, blocks.subList(start, j), Optional.empty(), start == 0 ? extra : Map.of()));
                start = j;
            }
        }
        if (blocks.isEmpty()) {
            out.add(new Message(Role.USER, List.of(), Optional.empty(), extra));
        }
    }

    /** The {@code system} value for the system and developer messages, or {@code null} if none. */
    static JsonNode encodeSystem(List<Message> messages, Optional<String> instruction, boolean keep) {
        List<Text> texts = new ArrayList<>();
        for (Message message : messages) {
            if (message.role() == Role.SYSTEM || message.role() == Role.DEVELOPER) {
                message.content().stream().filter(Text.class::isInstance).map(Text.class::cast)
                        .filter(t -> keep || !t.text().isEmpty()).forEach(texts::add);
            }
        }
        instruction.ifPresent(i -> texts.add(new Text(i)));
        if (texts.isEmpty()) {
            return null;
        }
        if (texts.size() == 1 && (texts.getFirst().extra().isEmpty() || !keep)) {
            return NODES.textNode(texts.getFirst().text());
        }
        ArrayNode blocks = NODES.arrayNode(texts.size());
        texts.forEach(t -> AnthropicBlocks.encode(t, keep).ifPresent(blocks::add));
        return blocks;
    }

    private record Turn(String role, List<Content> blocks, Map<String, JsonNode> extra, boolean merged) {
    }

    /** {@code source}: the request's source format, which says whose untagged signatures it holds. */
    static ArrayNode encode(List<Message> messages, boolean keep, Optional<WireFormat> source) {
        List<Turn> turns = new ArrayList<>();
        for (Message message : messages) {
            if (message.role() == Role.SYSTEM || message.role() == Role.DEVELOPER) {
                continue;
            }
            boolean assistant = message.role() == Role.ASSISTANT;
            List<Content> blocks = message.content().stream().map(b -> carried(b, assistant, keep, source))
                    .flatMap(Optional::stream).toList();
            if (blocks.isEmpty()) {
                continue;
            }
            String role = assistant ? "assistant" : "user";
            Turn last = turns.isEmpty() ? null : turns.getLast();
            if (last != null && last.role().equals(role)) {
                List<Content> joined = new ArrayList<>(last.blocks());
                joined.addAll(blocks);
                turns.set(turns.size() - 1, new Turn(role, joined, last.extra(), true));
            } else {
                turns.add(new Turn(role, blocks, message.extra(), false));
            }
        }
        ArrayNode out = NODES.arrayNode(turns.size());
        for (Turn turn : turns) {
            List<Content> blocks = turn.blocks();
            if (turn.merged() && turn.role().equals("user")) {
                List<Content> ordered = new ArrayList<>(blocks.stream().filter(ToolResult.class::isInstance).toList());
                blocks.stream().filter(b -> !(b instanceof ToolResult)).forEach(ordered::add);
                blocks = ordered;
            }
            ObjectNode encoded = out.addObject().put("role", turn.role());
            if (!turn.merged() && blocks.size() == 1 && blocks.getFirst() instanceof Text text
                    && (text.extra().isEmpty() || !keep)) {
                encoded.put("content", text.text());
            } else {
                ArrayNode content = encoded.putArray("content");
                blocks.forEach(b -> AnthropicBlocks.encode(b, keep).ifPresent(content::add));
            }
            putExtra(encoded, turn.extra(), keep);
        }
        return out;
    }

    /** See {@link AnthropicCodec#untagSignatures}. */
    static void untagSignatures(JsonNode messages) {
        for (int m = messages.size() - 1; m >= 0; m--) {
            JsonNode content = messages.get(m).path("content");
            if (!(content instanceof ArrayNode blocks) || blocks.isEmpty()) {
                continue;
            }
            for (int i = blocks.size() - 1; i >= 0; i--) {
                JsonNode block = blocks.get(i);
                JsonNode signature = block.get("signature");
                if (signature == null || !signature.isTextual() || !"thinking".equals(AnthropicFields.type(block))) {
                    continue;
                }
                Optional<String> sent = Signatures.unsigned(signature.textValue()) ? Optional.empty()
                        : Signatures.forProvider(signature.textValue(), Optional.of(AnthropicFormat.INSTANCE),
                                AnthropicFormat.INSTANCE);
                if (sent.isEmpty()) {
                    blocks.remove(i);
                } else if (!sent.get().equals(signature.textValue())) {
                    ((ObjectNode) block).put("signature", sent.get());
                }
            }
            if (blocks.isEmpty()) {
                ((ArrayNode) messages).remove(m);
            }
        }
    }

    /** The block as it goes into an Anthropic turn of that role; empty if it does not go. */
    private static Optional<Content> carried(Content block, boolean assistant, boolean keep, Optional<WireFormat> source) {
        boolean carries = switch (block) {
            case Text text -> keep || !text.text().isEmpty();
            case ToolCall call -> assistant;
            case Thinking thinking -> assistant
                    && thinking.signature().filter(s -> !Signatures.unsigned(s)).isPresent();
            case RedactedThinking redacted -> assistant;
            case ToolResult result -> !assistant;
            case Image image -> !assistant;
            case Document doc -> !assistant && AnthropicBlocks.encode(doc, false).isPresent();
        };
        if (carries && block instanceof Thinking thinking) {
            return Signatures.forProvider(thinking.signature().orElseThrow(), source, AnthropicFormat.INSTANCE)
                    .map(s -> new Thinking(thinking.text(), Optional.of(s), thinking.extra()));
        }
        if (carries && block instanceof RedactedThinking redacted) {
            return Signatures.forProvider(redacted.data(), source, AnthropicFormat.INSTANCE)
                    .map(d -> new RedactedThinking(d, redacted.extra()));
        }
        return carries ? Optional.of(block) : Optional.empty();
    }
}
