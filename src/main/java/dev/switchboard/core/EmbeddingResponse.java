package dev.switchboard.core;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One vector per input, in input order. Vectors are {@code float[]} (what providers compute and what
 * base64 transports), about a quarter of the memory of boxed doubles. The arrays are not copied:
 * treat them as read-only. {@code equals} and {@code hashCode} compare vector contents.
 */
public record EmbeddingResponse(List<float[]> vectors, Usage usage, Optional<String> model) {

    public EmbeddingResponse {
        vectors = List.copyOf(vectors);
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(model, "model");
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof EmbeddingResponse that) || vectors.size() != that.vectors.size()) {
            return false;
        }
        for (int i = 0; i < vectors.size(); i++) {
            if (!Arrays.equals(vectors.get(i), that.vectors.get(i))) {
                return false;
            }
        }
        return usage.equals(that.usage) && model.equals(that.model);
    }

    @Override
    public int hashCode() {
        int hash = Objects.hash(usage, model);
        for (float[] vector : vectors) {
            hash = 31 * hash + Arrays.hashCode(vector);
        }
        return hash;
    }

    @Override
    public String toString() {
        return "EmbeddingResponse[" + vectors.size() + " vectors of "
                + (vectors.isEmpty() ? 0 : vectors.getFirst().length) + " dimensions, usage=" + usage
                + ", model=" + model + "]";
    }
}
