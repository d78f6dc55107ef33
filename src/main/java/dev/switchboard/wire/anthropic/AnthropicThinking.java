package dev.switchboard.wire.anthropic;

import static dev.switchboard.wire.anthropic.AnthropicFields.NODES;
import static dev.switchboard.wire.anthropic.AnthropicFields.invalid;
import static dev.switchboard.wire.anthropic.AnthropicFields.rest;
import static dev.switchboard.wire.anthropic.AnthropicFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.Reasoning;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * {@code thinking} (and the {@code effort} of {@code output_config}) and {@link Reasoning}, both ways.
 *
 * <ul>
 * <li>{@code {"type": "enabled", "budget_tokens": n}} is a budget of n; {@code {"type": "disabled"}}
 *     a budget of 0; {@code {"type": "adaptive"}} neither. {@code output_config.effort} is the
 *     effort when thinking is given (otherwise it stays in the request's extra).</li>
 * <li>Encoding: a budget above 0 is {@code enabled}, a budget of 0 or the effort {@code none} is
 *     {@code disabled}, anything else (an effort alone: OpenAI's {@code reasoning_effort}) is
 *     {@code adaptive} with {@code output_config.effort} ({@code minimal} becomes {@code low}).
 *     Adaptive thinking is what current Claude models take; Claude 4.5 and older reject it and need a
 *     budget instead.</li>
 * <li>For a request from another format a budget is raised to Anthropic's minimum of 1024 and kept
 *     below {@code max_tokens}: by raising {@code max_tokens} when the caller set none, else by
 *     lowering the budget.</li>
 * </ul>
 * Other fields of {@code thinking} (e.g. {@code display}) are kept in the request's extra under
 * {@code "thinking"}.
 */
final class AnthropicThinking {

    static final int MIN_BUDGET = 1024;
    /** Thinking turned off: encodes as {@code {"type": "disabled"}}. */
    static final Reasoning OFF = new Reasoning(Optional.empty(), OptionalInt.of(0));

    private AnthropicThinking() {
    }

    /** What {@code thinking} and {@code output_config} said, and their fields to keep in extra. */
    record Decoded(Optional<Reasoning> reasoning, Map<String, JsonNode> extra) {
    }

    static Decoded decode(Optional<JsonNode> thinking, Optional<JsonNode> outputConfig) {
        Optional<String> effort = outputConfig.flatMap(o -> text(o, "effort", "output_config.effort"));
        Map<String, JsonNode> extra = new LinkedHashMap<>();
        Optional<Reasoning> reasoning = Optional.empty();
        boolean effortUsed = false;
        if (thinking.isPresent()) {
            JsonNode node = thinking.get();
            switch (AnthropicFields.type(node)) {
                case "enabled" -> {
                    OptionalInt budget = AnthropicFields.integer(node, "budget_tokens", "thinking.budget_tokens");
                    if (budget.isEmpty()) {
                        throw invalid("thinking.budget_tokens", "is required and must be an integer");
                    }
                    reasoning = Optional.of(new Reasoning(effort, budget));
                    effortUsed = true;
                }
                case "adaptive" -> {
                    reasoning = Optional.of(new Reasoning(effort, OptionalInt.empty()));
                    effortUsed = true;
                }
                case "disabled" -> reasoning = Optional.of(new Reasoning(Optional.empty(), OptionalInt.of(0)));
                default -> throw invalid("thinking.type", "must be one of enabled, adaptive, disabled");
            }
            Map<String, JsonNode> more = rest(node, Set.of("type", "budget_tokens"));
            if (!more.isEmpty()) {
                extra.put("thinking", NODES.objectNode().setAll(more));
            }
        }
        if (outputConfig.isPresent()) {
            Map<String, JsonNode> more = rest(outputConfig.get(),
                    effortUsed ? Set.of("format", "effort") : Set.of("format"));
            if (!more.isEmpty()) {
                extra.put("output_config", NODES.objectNode().setAll(more));
            }
        }
        return new Decoded(reasoning, extra);
    }

    /** Whether {@code reasoning} turns thinking on. */
    static boolean on(Reasoning reasoning) {
        return !disabled(reasoning);
    }

    private static boolean disabled(Reasoning reasoning) {
        OptionalInt budget = reasoning.budgetTokens();
        return budget.isPresent() ? budget.getAsInt() == 0 : reasoning.effort().filter("none"::equals).isPresent();
    }

    /**
     * The budget to send, adapted for a request from another format; {@code maxTokens} is the
     * output limit that will be sent, {@code callerMax} whether the caller chose it.
     */
    static OptionalInt budget(Reasoning reasoning, boolean adapt, int maxTokens, boolean callerMax) {
        OptionalInt budget = reasoning.budgetTokens();
        if (!adapt || budget.isEmpty() || budget.getAsInt() <= 0) {
            return budget;
        }
        int adapted = Math.max(MIN_BUDGET, budget.getAsInt());
        if (callerMax && adapted >= maxTokens && maxTokens - 1 >= MIN_BUDGET) {
            adapted = maxTokens - 1;
        }
        return OptionalInt.of(adapted);
    }

    /** The {@code thinking} object; {@code budget} as returned by {@link #budget}. */
    static ObjectNode encode(Reasoning reasoning, OptionalInt budget, Optional<JsonNode> kept) {
        ObjectNode thinking = NODES.objectNode();
        if (disabled(reasoning)) {
            thinking.put("type", "disabled");
        } else if (budget.isPresent() && budget.getAsInt() > 0) {
            thinking.put("type", "enabled").put("budget_tokens", budget.getAsInt());
        } else {
            thinking.put("type", "adaptive");
        }
        kept.filter(JsonNode::isObject).ifPresent(k -> k.properties().forEach(e -> thinking.putIfAbsent(e.getKey(),
                e.getValue())));
        return thinking;
    }

    /** Anthropic's {@code output_config.effort} for the effort of thinking that is on, if it has one. */
    static Optional<String> effort(Reasoning reasoning) {
        if (disabled(reasoning)) {
            return Optional.empty();
        }
        return reasoning.effort().flatMap(e -> switch (e) {
            case "minimal" -> Optional.of("low");
            case "low", "medium", "high", "xhigh", "max" -> Optional.of(e);
            default -> Optional.empty();
        });
    }
}
