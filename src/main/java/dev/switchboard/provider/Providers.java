package dev.switchboard.provider;

import dev.switchboard.provider.anthropic.AnthropicProvider;
import dev.switchboard.provider.azure.AzureOpenAiDialect;
import dev.switchboard.provider.gemini.GeminiProvider;
import dev.switchboard.provider.openaicompat.CompatEntries;
import dev.switchboard.provider.openaicompat.OpenAiCompatProvider;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;

/** The one place where every callable provider is registered. */
public final class Providers {

    private Providers() {
    }

    /** The origins of every provider's built-in base URL, which the api_base guard exempts. */
    public static Set<String> builtInOrigins() {
        Set<String> origins = new HashSet<>();
        CompatEntries.ALL.forEach(entry -> entry.defaultBaseUrl().ifPresent(url -> origins.add(
                Transport.origin(URI.create(url)))));
        origins.add(Transport.origin(URI.create(AnthropicProvider.DEFAULT_BASE_URL)));
        origins.add(Transport.origin(URI.create(GeminiProvider.DEFAULT_BASE_URL)));
        return origins;
    }

    public static ProviderRegistry all(Transport transport) {
        List<Provider> providers = new ArrayList<>();
        CompatEntries.ALL.forEach(entry -> providers.add(new OpenAiCompatProvider(entry, transport)));
        providers.add(new OpenAiCompatProvider(new AzureOpenAiDialect(), transport));
        providers.add(new AnthropicProvider(transport));
        providers.add(new GeminiProvider(transport));
        return new ProviderRegistry(providers);
    }
}
