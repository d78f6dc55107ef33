package dev.switchboard.limits;

/**
 * One window of one shared count: a budget's spend ({@code counterId} is the budget's id) or a rate
 * limit's requests or tokens ({@code rl-…/requests}, {@code rl-…/tokens}), from {@code startMillis}
 * (inclusive) to {@code endMillis} (exclusive).
 */
public record CounterKey(String counterId, long startMillis, long endMillis) {
}
