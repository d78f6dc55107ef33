package dev.switchboard.provider;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every provider the gateway can call, by id, registered explicitly in one place. */
public final class ProviderRegistry {

    private final Map<String, Provider> providers = new LinkedHashMap<>();

    public ProviderRegistry(List<Provider> all) {
        for (Provider p : all) {
            if (providers.putIfAbsent(p.id(), p) != null) {
                throw new IllegalArgumentException("Provider registered twice: " + p.id());
            }
        }
    }

    public Optional<Provider> find(String id) {
        return Optional.ofNullable(providers.get(id));
    }

    public Collection<Provider> all() {
        return providers.values();
    }
}
