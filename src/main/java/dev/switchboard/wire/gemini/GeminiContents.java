package dev.switchboard.wire.gemini;

import static dev.switchboard.wire.gemini.GeminiFields.NODES;
import static dev.switchboard.wire.gemini.GeminiFields.invalid;
import static dev.switchboard.wire.gemini.GeminiFields.putExtra;
import static dev.switchboard.wire.gemini.GeminiFields.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.Content;
import dev.switchboard.core.Message;
import dev.switchboard.core.Role;
import dev.switchboard.core.Signatures;
import dev.switchboard.core.Text;
import dev.switchboard.core.Thinking;
import dev.switchboard.core.ToolCall;
import dev.switchboard.core.ToolResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code contents} and {@code systemInstruction} and canonical messages, both ways.
 * {@code systemInstruction} is a {@link Role#SYSTEM} message; {@code model} turns are assistant
 * messages; a {@code user} turn holding only {@code functionResponse} parts is a {@link Role#TOOL}
 * message, any other {@code user} turn (a missing role means {@code user}) a user message, which
 * may then mix tool results with other blocks. The legacy role {@code function} reads as
 * {@code user}.
 *
 * <p>Encoding lifts every system and developer message, wherever it stands, into one
 * {@code systemInstruction} (text only); turns that would have no parts are left out; and for a
 * request from another format, consecutive messages of the same Gemini role become one turn: OpenAI
 * sends one tool message per result, and Gemini wants the answers to parallel calls in one
 * {@code user} turn, followed by the user's next words in the same turn (Google's examples always
 * alternate {@code user} and {@code model}, and older models required it). A Gemini caller's turns
 * are sent as they came.
 */
final class GeminiContents {

    /** Google's documented value for replayed function calls that no Gemini model signed. */
    static final String SKIP_SIGNATURE = "skip_thought_signature_validator";

    record Encoded(ArrayNode contents, Optional<ObjectNode> systemInstruction) {
    }

    private GeminiContents() {
    }

    static List<Message> decode(JsonNode body) {
        List<Message> messages = new ArrayList<>();
        GeminiCalls calls = GeminiCalls.forRequest();
        Optional<JsonNode> system = GeminiFields.object(body, "systemInstruction", "systemInstruction");
        system.ifPresent(s -> messages.add(new Message(Role.SYSTEM, decodeParts(s, "systemInstruction", calls),
                Optional.empty(), rest(s, Set.of("parts")))));
        List<JsonNode> contents = contents(body);
        for (int i = 0; i < contents.size(); i++) {
            String path = "contents[" + i + "]";
            JsonNode content = contents.get(i);
            String role = GeminiFields.text(content, "role", path + ".role").orElse("user");
            List<Content> blocks = decodeParts(content, path, calls);
            Map<String, JsonNode> extra = new LinkedHashMap<>(rest(content, Set.of("parts", "role")));
            Role canonical = switch (role) {
                case "model" -> Role.ASSISTANT;
                case "user", "function" -> !blocks.isEmpty() && blocks.stream().allMatch(ToolResult.class::isInstance)
                        ? Role.TOOL : Role.USER;
                default -> throw invalid(path + ".role", "must be 'user' or 'model'");
            };
            if (role.equals("function")) {
                extra.put("role", NODES.textNode(role));
            }
            messages.add(new Message(canonical, blocks, Optional.empty(), extra));
        }
        return messages;
    }

    /** {@code contents}: a non-empty list of objects (or one object, as Google's parser takes it). */
    static List<JsonNode> contents(JsonNode body) {
        List<JsonNode> contents = GeminiFields.objects(body, "contents", "contents");
        if (contents.isEmpty()) {
            throw invalid("contents", "must be a non-empty list");
        }
        return contents;
    }

    /**
     * The blocks of a content's parts. Consecutive thought parts whose signature comes on the last
     * (a thought streamed in pieces, sent back as received) are one thinking block: the signature
     * signs the whole thought.
     */
    static List<Content> decodeParts(JsonNode content, String path, GeminiCalls calls) {
        List<JsonNode> parts = GeminiFields.list(content, "parts", path + ".parts");
        List<Content> blocks = new ArrayList<>(parts.size());
        for (int j = 0; j < parts.size(); j++) {
            Content block = GeminiParts.decode(parts.get(j), path + ".parts[" + j + "]", calls);
            if (block instanceof Thinking thought && !blocks.isEmpty() && blocks.getLast() instanceof Thinking before
                    && before.signature().isEmpty() && before.extra().isEmpty()) {
                block = new Thinking(before.text() + thought.text(), thought.signature(), thought.extra());
                blocks.removeLast();
            }
            blocks.add(block);
        }
        return blocks;
    }

    /**
     * {@code keepExtra}: the request is in Gemini's naming, so extras are re-sent. {@code foreign}:
     * the request did not come from a Gemini caller, so function calls get a signature (see
     * {@link #signCalls}) and same-role turns are merged. {@code signature}: the thought signature
     * to send for a thinking block's, empty to leave the block out (a signature from another
     * provider would fail Gemini's check).
     */
    static Encoded encode(List<Message> messages, boolean keepExtra, boolean foreign,
                          Function<String, Optional<String>> signature) {
        GeminiCalls calls = GeminiCalls.forRequest();
        ArrayNode contents = NODES.arrayNode();
        ObjectNode system = null;
        String previous = null;
        for (Message message : messages) {
            if (message.role() == Role.SYSTEM || message.role() == Role.DEVELOPER) {
                if (system == null) {
                    system = NODES.objectNode();
                    system.putArray("parts");
                }
                for (Content block : message.content()) {
                    if (block instanceof Text) {
                        GeminiParts.encode(block, keepExtra, signature, calls).ifPresent(((ArrayNode) system.get("parts"))::add);
                    }
                }
                putExtra(system, message.extra(), keepExtra);
                continue;
            }
            ArrayNode parts = parts(message, keepExtra, signature, calls);
            if (message.role() == Role.ASSISTANT && foreign) {
                signCalls(message, parts);
            }
            if (parts.isEmpty()) {
                continue;
            }
            JsonNode keptRole = keepExtra ? message.extra().get("role") : null;
            String role = message.role() == Role.ASSISTANT ? "model"
                    : keptRole != null && keptRole.isTextual() ? keptRole.textValue() : "user";
            if (foreign && role.equals(previous)) {
                ((ArrayNode) contents.get(contents.size() - 1).get("parts")).addAll(parts);
                continue;
            }
            ObjectNode content = contents.addObject().put("role", role);
            content.set("parts", parts);
            putExtra(content, message.extra(), keepExtra);
            previous = role;
        }
        return new Encoded(contents, Optional.ofNullable(system).filter(s -> !s.get("parts").isEmpty()));
    }

    /** See {@link GeminiCodec#untagSignatures}. */
    static void untagSignatures(JsonNode contents) {
        for (int c = contents.size() - 1; c >= 0; c--) {
            if (!(contents.get(c).path("parts") instanceof ArrayNode parts) || parts.isEmpty()) {
                continue;
            }
            for (int i = parts.size() - 1; i >= 0; i--) {
                JsonNode part = parts.get(i);
                String field = part.has(GeminiParts.SIGNATURE) ? GeminiParts.SIGNATURE
                        : GeminiFields.snake(GeminiParts.SIGNATURE);
                JsonNode signature = part.get(field);
                if (signature == null || !signature.isTextual()) {
                    continue;
                }
                Optional<String> sent = Signatures.forProvider(signature.textValue(),
                        Optional.of(GeminiFormat.INSTANCE), GeminiFormat.INSTANCE);
                if (sent.isEmpty() && part.path("thought").asBoolean(false)) {
                    parts.remove(i);
                } else if (sent.isEmpty()) {
                    ((ObjectNode) part).remove(field);
                } else if (!sent.get().equals(signature.textValue())) {
                    ((ObjectNode) part).put(field, sent.get());
                }
            }
            if (parts.isEmpty()) {
                ((ArrayNode) contents).remove(c);
            }
        }
    }

    /** The parts of one message; {@code signature} as for {@link GeminiParts#encode}. */
    static ArrayNode parts(Message message, boolean keepExtra, Function<String, Optional<String>> signature,
                           GeminiCalls calls) {
        ArrayNode parts = NODES.arrayNode(message.content().size());
        message.content().forEach(block -> GeminiParts.encode(block, keepExtra, signature, calls)
                .ifPresent(parts::add));
        return parts;
    }

    /**
     * Gemini 3 rejects a function call in the current turn that carries no thought signature. A call
     * from another format keeps the signature Gemini's OpenAI-compatible API (and the OpenAI codec,
     * tagged) puts in {@code extra_content.google.thought_signature}, untagged, unless it is tagged
     * as another provider's (see {@link Signatures}); otherwise the first call of the turn gets
     * {@link #SKIP_SIGNATURE}, which Google documents for histories from other models.
     */
    private static void signCalls(Message message, ArrayNode parts) {
        boolean first = true;
        int index = 0;
        for (JsonNode part : parts) {
            if (!part.has("functionCall")) {
                continue;
            }
            ToolCall call = nthCall(message, index++);
            JsonNode openAi = call == null ? null
                    : call.extra().getOrDefault("extra_content", NODES.missingNode()).path("google").get("thought_signature");
            Optional<String> signature = openAi != null && openAi.isTextual()
                    ? Signatures.forProvider(openAi.textValue(), Optional.empty(), GeminiFormat.INSTANCE)
                    : Optional.empty();
            if (signature.isPresent()) {
                ((ObjectNode) part).put(GeminiParts.SIGNATURE, signature.get());
            } else if (first && !part.has(GeminiParts.SIGNATURE)) {
                ((ObjectNode) part).put(GeminiParts.SIGNATURE, SKIP_SIGNATURE);
            }
            first = false;
        }
    }

    private static ToolCall nthCall(Message message, int n) {
        int seen = 0;
        for (Content block : message.content()) {
            if (block instanceof ToolCall call && seen++ == n) {
                return call;
            }
        }
        return null;
    }
}
