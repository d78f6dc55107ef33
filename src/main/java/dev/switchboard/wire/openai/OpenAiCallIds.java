package dev.switchboard.wire.openai;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids for tool calls a provider sent without one. They are random, not numbered per response: a
 * caller collects the calls of many responses into one history, and Anthropic refuses a history
 * with two equal {@code tool_use} ids. The form is OpenAI's own ({@code call_} and 24 letters and
 * digits), which every caller's SDK and provider accepts (Anthropic wants {@code [a-zA-Z0-9_-]+},
 * OpenAI at most 40 characters).
 */
final class OpenAiCallIds {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int LENGTH = 24;

    private OpenAiCallIds() {
    }

    static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder id = new StringBuilder("call_".length() + LENGTH).append("call_");
        for (int i = 0; i < LENGTH; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
