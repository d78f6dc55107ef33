package dev.switchboard.provider;

import dev.switchboard.provider.anthropic.AnthropicProvider;
import dev.switchboard.provider.azure.AzureOpenAiDialect;
import dev.switchboard.provider.gemini.GeminiProvider;
import dev.switchboard.provider.openaicompat.CompatEntries;
import dev.switchboard.provider.openaicompat.OpenAiCompatProvider;
import java.util.ArrayList;
import java.util.List;

/** The one place where every callable provider is registered. */
public final class Providers {

    private Providers() {
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
