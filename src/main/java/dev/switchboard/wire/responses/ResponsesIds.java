package dev.switchboard.wire.responses;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids for what the gateway writes to a Responses caller: the response ({@code resp_}), a message
 * ({@code msg_}), a function call item ({@code fc_}) and a reasoning item ({@code rs_}), each the
 * prefix and 32 random hex digits, as OpenAI's own ids are a prefix and hex.
 */
final class ResponsesIds {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private ResponsesIds() {
    }

    static String response() {
        return next("resp_");
    }

    static String message() {
        return next("msg_");
    }

    static String functionCall() {
        return next("fc_");
    }

    static String reasoning() {
        return next("rs_");
    }

    private static String next(String prefix) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder id = new StringBuilder(prefix.length() + 32).append(prefix);
        for (int i = 0; i < 32; i++) {
            id.append(HEX[random.nextInt(16)]);
        }
        return id.toString();
    }
}
