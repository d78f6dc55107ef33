package dev.switchboard.config;

import dev.switchboard.core.GatewayException;
import java.util.List;

/**
 * Turns the PRIMARY weights of an endpoint into whole percentages summing to 100. Weights may be
 * given as MLflow stores them (fractions summing to 1.0, e.g. 0.7 and 0.3) or as the UI edits them
 * (percentages summing to 100, e.g. 70 and 30); a single PRIMARY always takes 100%.
 */
public final class TrafficSplit {

    private static final double EPSILON = 1e-6;

    private TrafficSplit() {
    }

    /** The percentages, in the order of the weights; throws {@link GatewayException.InvalidRequest} if invalid. */
    public static List<Integer> percentages(List<Double> weights) {
        for (double w : weights) {
            if (!Double.isFinite(w) || w <= 0 || w > 100) {
                throw invalid(weights, "each PRIMARY weight must be greater than 0 and at most 100");
            }
        }
        if (weights.size() == 1) {
            return List.of(100);
        }
        double sum = weights.stream().mapToDouble(Double::doubleValue).sum();
        boolean fractions = Math.abs(sum - 1.0) < EPSILON;
        double scale = fractions ? 100.0 : 1.0;
        List<Integer> percents = weights.stream().map(w -> w * scale).map(p -> {
            long rounded = Math.round(p);
            if (Math.abs(p - rounded) > EPSILON * 100 || rounded < 1 || rounded > 100) {
                throw invalid(weights, "each PRIMARY weight must be a whole percentage from 1 to 100");
            }
            return (int) rounded;
        }).toList();
        if (percents.stream().mapToInt(Integer::intValue).sum() != 100) {
            throw invalid(weights, "PRIMARY weights must sum to 100 (or to 1.0 as fractions)");
        }
        return percents;
    }

    private static GatewayException invalid(List<Double> weights, String rule) {
        double sum = weights.stream().mapToDouble(Double::doubleValue).sum();
        return new GatewayException.InvalidRequest("Invalid traffic split: " + rule + "; got weights "
                + weights.stream().map(TrafficSplit::format).toList() + " (sum " + format(sum) + ")");
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
