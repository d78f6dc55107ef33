package dev.switchboard.provider;

import dev.switchboard.core.GatewayException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every provider the gateway can call, by id, registered explicitly in one place ({@link Providers}),
 * and the reason for each provider the provider table marks as not callable, so that a call to one
 * says why it failed.
 */
public final class ProviderRegistry {

    private final Map<String, Provider> providers = new LinkedHashMap<>();
    private final Map<String, String> notCallable;

    public ProviderRegistry(List<Provider> all) {
        this(all, Map.of());
    }

    /** @param notCallable the reason, by provider id, that the gateway cannot call a provider */
    public ProviderRegistry(List<Provider> all, Map<String, String> notCallable) {
        for (Provider p : all) {
            if (providers.putIfAbsent(p.id(), p) != null) {
                throw new IllegalArgumentException("Provider registered twice: " + p.id());
            }
        }
        this.notCallable = Map.copyOf(notCallable);
    }

    public Optional<Provider> find(String id) {
        return Optional.ofNullable(providers.get(id));
    }

    /**
     * The provider of a target; one the gateway cannot call makes the target unusable, with the
     * reason the provider table gives.
     */
    public Provider require(Target target) {
        return find(target.provider()).orElseThrow(() -> new GatewayException.NoUsableTarget(
                "Provider '" + target.provider() + "' of model definition '" + target.definitionName()
                        + "' cannot be called by this gateway: " + notCallable.getOrDefault(target.provider(),
                        "it is not in the provider table")));
    }

    public Collection<Provider> all() {
        return providers.values();
    }
}
