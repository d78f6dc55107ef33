package dev.switchboard.api;

import java.util.function.Supplier;

/**
 * A value computed on first use and then kept, e.g. the caller's body decoded to the canonical
 * model, which pass-through never needs. For the one thread handling an exchange.
 */
public final class Lazy<T> implements Supplier<T> {

    private final Supplier<T> compute;
    private T value;

    private Lazy(Supplier<T> compute) {
        this.compute = compute;
    }

    public static <T> Lazy<T> of(Supplier<T> compute) {
        return new Lazy<>(compute);
    }

    @Override
    public T get() {
        if (value == null) {
            value = compute.get();
        }
        return value;
    }
}
