package dev.switchboard.testing.property;

import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A property checked against many generated inputs: each try draws an input from a seeded
 * {@link Random}, and the first input that fails the property is shrunk (its smaller variants tried,
 * as long as one still fails) before the test fails with the seed, the try and the smallest input.
 *
 * <p>The number of tries is {@code tries} times the system property {@code properties.scale}
 * (1 in {@code ./mvnw verify}; {@code scripts/properties.sh} raises it for long runs). The seed is
 * {@code properties.seed} if given, so a failure can be replayed exactly; otherwise a fresh one,
 * named in the failure.
 *
 * @param <T> the input
 */
public final class Property<T> {

    private static final int MAX_SHRINK_STEPS = 2_000;

    private final String name;
    private final Function<Random, T> generator;
    private final Function<T, List<T>> shrinks;
    private final Function<T, String> show;

    private Property(String name, Function<Random, T> generator, Function<T, List<T>> shrinks,
                     Function<T, String> show) {
        this.name = name;
        this.generator = generator;
        this.shrinks = shrinks;
        this.show = show;
    }

    /** A property over inputs drawn by {@code generator}, shrunk by {@code shrinks} (smaller variants of an input). */
    public static <T> Property<T> of(String name, Function<Random, T> generator, Function<T, List<T>> shrinks,
                                     Function<T, String> show) {
        return new Property<>(name, generator, shrinks, show);
    }

    /** How many tries {@code base} tries are in this run. */
    public static int scaled(int base) {
        return Math.max(1, (int) Math.min(Integer.MAX_VALUE, (long) base * Long.getLong("properties.scale", 1)));
    }

    /** Checks {@code property} on {@link #scaled} ({@code tries}) inputs; fails with the smallest failing one. */
    public void check(int tries, Consumer<T> property) {
        long seed = Long.getLong("properties.seed", new Random().nextLong());
        Random random = new Random(seed);
        int runs = scaled(tries);
        for (int i = 0; i < runs; i++) {
            T input = generator.apply(random);
            Throwable failure = failure(property, input);
            if (failure != null) {
                Shrunk<T> smallest = shrink(property, input, failure);
                AssertionError error = new AssertionError("Property '" + name + "' failed on try " + (i + 1) + " of "
                        + runs + " (replay with -Dproperties.seed=" + seed + "), shrunk in " + smallest.steps
                        + " steps to:\n" + show.apply(smallest.input) + "\nbecause: " + smallest.failure,
                        smallest.failure);
                throw error;
            }
        }
    }

    private record Shrunk<T>(T input, Throwable failure, int steps) { }

    /** Tries smaller variants while one still fails: a greedy descent to a local minimum. */
    private Shrunk<T> shrink(Consumer<T> property, T input, Throwable failure) {
        T current = input;
        Throwable why = failure;
        int steps = 0;
        boolean smaller = true;
        while (smaller && steps < MAX_SHRINK_STEPS) {
            smaller = false;
            for (T candidate : shrinks.apply(current)) {
                steps++;
                Throwable candidateFailure = failure(property, candidate);
                if (candidateFailure != null) {
                    current = candidate;
                    why = candidateFailure;
                    smaller = true;
                    break;
                }
                if (steps >= MAX_SHRINK_STEPS) {
                    break;
                }
            }
        }
        return new Shrunk<>(current, why, steps);
    }

    private static <T> Throwable failure(Consumer<T> property, T input) {
        try {
            property.accept(input);
            return null;
        } catch (Throwable t) {
            return t;
        }
    }
}
