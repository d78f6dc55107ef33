package dev.switchboard.core;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How much the model should think before answering: an effort level (OpenAI {@code reasoning_effort}:
 * {@code none}, {@code minimal}, {@code low}, {@code medium}, {@code high}...) and/or a token budget
 * (Anthropic {@code thinking.budget_tokens}, Gemini {@code thinkingBudget}). A codec whose format
 * takes only one of the two derives it from the other.
 */
public record Reasoning(Optional<String> effort, OptionalInt budgetTokens) {

    public Reasoning {
        Objects.requireNonNull(effort, "effort");
        Objects.requireNonNull(budgetTokens, "budgetTokens");
    }
}
