package dev.switchboard.core;

/**
 * Token counts of one call.
 *
 * <p>{@code input} counts <em>all</em> prompt tokens, including those read from and written to a
 * prompt cache, as OpenAI's {@code prompt_tokens} does; {@code cacheRead} and {@code cacheWrite}
 * are the parts of {@code input} that hit or filled the cache. Anthropic and Bedrock report input
 * without the cached parts, so their codecs add {@code cache_read_input_tokens} and
 * {@code cache_creation_input_tokens} into {@code input}.
 *
 * <p>{@code output} counts all generated tokens including reasoning, as OpenAI's
 * {@code completion_tokens} does; {@code reasoning} is the part of {@code output} spent thinking.
 * Gemini reports thoughts apart from candidates, so its codec adds them into {@code output}.
 */
public record Usage(long input, long output, long cacheRead, long cacheWrite, long reasoning) {

    /** No tokens counted (also: the provider reported no usage). */
    public static final Usage NONE = new Usage(0, 0, 0, 0, 0);

    public Usage {
        if (input < 0 || output < 0 || cacheRead < 0 || cacheWrite < 0 || reasoning < 0) {
            throw new IllegalArgumentException("Token counts must not be negative");
        }
    }

    /** Input plus output: what OpenAI calls {@code total_tokens}. */
    public long total() {
        return input + output;
    }

    /** The sum of both counts, kind by kind, e.g. to total the usage of several calls. */
    public Usage plus(Usage other) {
        return new Usage(input + other.input, output + other.output, cacheRead + other.cacheRead,
                cacheWrite + other.cacheWrite, reasoning + other.reasoning);
    }
}
