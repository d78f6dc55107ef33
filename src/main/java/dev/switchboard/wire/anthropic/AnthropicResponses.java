package dev.switchboard.wire.anthropic;

import static dev.switchboard.wire.anthropic.AnthropicFields.NODES;
import static dev.switchboard.wire.anthropic.AnthropicFields.rest;
import static dev.switchboard.wire.anthropic.AnthropicFields.textOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatResponse;
import dev.switchboard.core.Content;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Message;
import dev.switchboard.core.Role;
import dev.switchboard.core.Signatures;
import dev.switchboard.core.Thinking;
import dev.switchboard.core.WireFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Anthropic's {@code message} object and {@link ChatResponse}, both ways. The answer is one choice;
 * its {@code stop_sequence} and {@code stop_details}, and a {@code stop_reason} the canonical model
 * cannot repeat ({@code pause_turn}), are kept in the choice's extra. Usage fields beyond the counts
 * ({@code cache_creation}, {@code service_tier}, {@code server_tool_use}...) are kept in the
 * response's extra under {@code "usage"} and merged back. Content blocks with no canonical form
 * (server tool blocks) are dropped. A thinking signature from another format's provider is tagged
 * with its maker, and thinking it did not sign gets the bare tag.
 */
final class AnthropicResponses {

    private static final Set<String> FIELDS = Set.of("id", "type", "role", "model", "content", "stop_reason",
            "stop_sequence", "stop_details", "usage");

    private AnthropicResponses() {
    }

    static ChatResponse decode(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new GatewayException.UpstreamUnavailable("The provider's message is not a JSON object", null);
        }
        JsonNode content = body.get("content");
        if (content == null || !content.isArray()) {
            String reason = AnthropicErrors.read(body).map(e -> "an error: " + e.message()).orElse("no 'content' list");
            throw new GatewayException.UpstreamUnavailable("The provider's message has " + reason, null);
        }
        List<Content> blocks = new ArrayList<>(content.size());
        content.forEach(block -> AnthropicBlocks.decodeResponse(block).ifPresent(blocks::add));
        Optional<String> stopReason = textOf(body.get("stop_reason"));
        Map<String, JsonNode> choiceExtra = new LinkedHashMap<>();
        stopReason.filter(AnthropicStopReasons::lossy)
                .ifPresent(r -> choiceExtra.put("stop_reason", NODES.textNode(r)));
        for (String field : List.of("stop_sequence", "stop_details")) {
            JsonNode value = body.get(field);
            if (AnthropicFields.given(value)) {
                choiceExtra.put(field, value);
            }
        }
        Map<String, JsonNode> extra = new LinkedHashMap<>(rest(body, FIELDS));
        JsonNode usage = body.get("usage");
        if (usage != null && usage.isObject()) {
            Map<String, JsonNode> more = rest(usage, AnthropicUsage.FIELDS);
            if (!more.isEmpty()) {
                extra.put("usage", NODES.objectNode().setAll(more));
            }
        }
        var choice = new ChatResponse.Choice(new Message(Role.ASSISTANT, blocks),
                AnthropicStopReasons.decode(stopReason), choiceExtra);
        return new ChatResponse(textOf(body.get("id")).orElse(""), textOf(body.get("model")).filter(m -> !m.isBlank()),
                List.of(choice), AnthropicUsage.decode(usage), extra, Optional.of(AnthropicFormat.INSTANCE));
    }

    static ObjectNode encode(ChatResponse response, String model) {
        boolean keep = response.extraApplies(AnthropicFormat.INSTANCE);
        Optional<ChatResponse.Choice> choice = response.choices().stream().findFirst();
        Map<String, JsonNode> choiceExtra = keep ? choice.map(ChatResponse.Choice::extra).orElse(Map.of()) : Map.of();
        ObjectNode body = NODES.objectNode().put("id", AnthropicCodec.messageId(response.id())).put("type", "message")
                .put("role", "assistant").put("model", model);
        ArrayNode content = body.putArray("content");
        choice.ifPresent(c -> {
            c.message().content().forEach(block -> AnthropicBlocks.encode(forCaller(block, response.sourceFormat()),
                    keep).ifPresent(content::add));
            JsonNode refusal = c.message().extra().get("refusal");
            if (!keep && refusal != null && refusal.isTextual() && c.message().text().isEmpty()) {
                content.addObject().put("type", "text").put("text", refusal.textValue());
            }
        });
        body.put("stop_reason", textOf(choiceExtra.get("stop_reason"))
                .orElseGet(() -> AnthropicStopReasons.encode(response.stopReason())));
        body.set("stop_sequence", choiceExtra.getOrDefault("stop_sequence", NODES.nullNode()));
        choiceExtra.forEach(body::putIfAbsent);
        Map<String, JsonNode> usageExtra = new LinkedHashMap<>();
        if (keep && response.extra().get("usage") instanceof ObjectNode more) {
            more.properties().forEach(e -> usageExtra.put(e.getKey(), e.getValue()));
        }
        body.set("usage", AnthropicUsage.encode(response.usage(), usageExtra));
        if (keep) {
            response.extra().forEach(body::putIfAbsent);
        }
        return body;
    }

    /**
     * The block with a signature another format's provider made tagged with its maker, and its
     * unsigned thinking with the bare tag (see {@link Signatures}).
     */
    private static Content forCaller(Content block, Optional<WireFormat> maker) {
        if (block instanceof Thinking thinking) {
            String signature = Signatures.forCaller(thinking.signature().orElse(""), maker, AnthropicFormat.INSTANCE);
            return new Thinking(thinking.text(), Optional.of(signature).filter(s -> !s.isEmpty()), thinking.extra());
        }
        return block;
    }
}
