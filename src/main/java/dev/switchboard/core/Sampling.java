package dev.switchboard.core;

import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Generation parameters; an empty value means "the provider's default". {@code maxTokens} limits the
 * output (including reasoning tokens, as OpenAI's {@code max_completion_tokens}); {@code n} asks for
 * several alternative answers (see {@link ChatResponse#choices()}).
 */
public record Sampling(OptionalDouble temperature, OptionalDouble topP, OptionalInt topK, OptionalInt maxTokens,
                       List<String> stop, OptionalDouble presencePenalty, OptionalDouble frequencyPenalty,
                       OptionalLong seed, OptionalInt n) {

    /** Every parameter left to the provider. */
    public static final Sampling NONE = new Sampling(OptionalDouble.empty(), OptionalDouble.empty(),
            OptionalInt.empty(), OptionalInt.empty(), List.of(), OptionalDouble.empty(), OptionalDouble.empty(),
            OptionalLong.empty(), OptionalInt.empty());

    public Sampling {
        Objects.requireNonNull(temperature, "temperature");
        Objects.requireNonNull(topP, "topP");
        Objects.requireNonNull(topK, "topK");
        Objects.requireNonNull(maxTokens, "maxTokens");
        stop = List.copyOf(stop);
        Objects.requireNonNull(presencePenalty, "presencePenalty");
        Objects.requireNonNull(frequencyPenalty, "frequencyPenalty");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(n, "n");
    }
}
