package dev.switchboard.usage;

import dev.switchboard.catalog.ModelInfo;
import java.util.OptionalDouble;

/**
 * The catalog's per-token prices (USD) of one model at the time of a call, kept with the call so its
 * cost can be checked later whatever the catalog says then. An empty rate is one the catalog does
 * not give.
 */
public record Price(OptionalDouble input, OptionalDouble output, OptionalDouble cacheRead, OptionalDouble cacheWrite,
                    OptionalDouble reasoning, String json) {

    public static Price of(ModelInfo model) {
        return of(model.inputCostPerToken(), model.outputCostPerToken(), model.cacheReadCostPerToken(),
                model.cacheWriteCostPerToken(), model.reasoningCostPerToken());
    }

    /** Prices from their rates, with their JSON ({@link #json}) made once. */
    public static Price of(OptionalDouble input, OptionalDouble output, OptionalDouble cacheRead,
                           OptionalDouble cacheWrite, OptionalDouble reasoning) {
        return new Price(input, output, cacheRead, cacheWrite, reasoning,
                json(input, output, cacheRead, cacheWrite, reasoning));
    }

    /** Whether the catalog gives any rate at all. */
    public boolean known() {
        return input.isPresent() || output.isPresent() || cacheRead.isPresent() || cacheWrite.isPresent()
                || reasoning.isPresent();
    }

    /** The prices as compact JSON, e.g. {@code {"input":1.5E-7,"output":6.0E-7}}, unknown rates left out. */
    private static String json(OptionalDouble input, OptionalDouble output, OptionalDouble cacheRead,
                               OptionalDouble cacheWrite, OptionalDouble reasoning) {
        StringBuilder json = new StringBuilder("{");
        append(json, "input", input);
        append(json, "output", output);
        append(json, "cache_read", cacheRead);
        append(json, "cache_write", cacheWrite);
        append(json, "reasoning", reasoning);
        return json.append('}').toString();
    }

    private static void append(StringBuilder json, String name, OptionalDouble rate) {
        if (rate.isPresent()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(name).append("\":").append(rate.getAsDouble());
        }
    }
}
