package dev.switchboard.provider;

import dev.switchboard.catalog.Invocation;
import dev.switchboard.catalog.ProviderInfo;
import dev.switchboard.catalog.ProviderTable;
import dev.switchboard.core.WireFormat;
import dev.switchboard.provider.anthropic.AnthropicProvider;
import dev.switchboard.provider.azure.AzureOpenAiDialect;
import dev.switchboard.provider.gemini.GeminiProvider;
import dev.switchboard.provider.openaicompat.CompatDialect;
import dev.switchboard.provider.openaicompat.OpenAiCompatProvider;
import dev.switchboard.provider.openaicompat.OpenAiDialect;
import dev.switchboard.provider.openaicompat.RequestEdits;
import dev.switchboard.wire.anthropic.AnthropicFormat;
import dev.switchboard.wire.gemini.GeminiFormat;
import dev.switchboard.wire.openai.OpenAiChatFormat;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Builds the provider registry from the provider table, in one place: one provider per entry with a
 * wire format. An OpenAI-format entry is an {@link OpenAiCompatProvider} with the entry's dialect and
 * edits, unless its URL shape and auth need a dialect class of their own ({@link #OWN_DIALECTS});
 * Anthropic and Gemini have a provider class each, for their own entry only. Entries the table marks
 * not callable are registered with their reason, for the error a call to one gets.
 */
public final class Providers {

    /** OpenAI-format entries whose URL and auth are code, not data: Azure's deployment URLs and api-key/AD auth. */
    private static final Map<String, Supplier<OpenAiDialect>> OWN_DIALECTS = Map.of("azure", AzureOpenAiDialect::new);

    /** The one entry each non-OpenAI wire format serves today, with its provider class. */
    private static final Map<WireFormat, Map.Entry<String, Function<Transport, Provider>>> NATIVE = Map.of(
            AnthropicFormat.INSTANCE, Map.entry("anthropic", AnthropicProvider::new),
            GeminiFormat.INSTANCE, Map.entry("gemini", GeminiProvider::new));

    private Providers() {
    }

    /** The origins of every built-in base URL in the bundled table, which the api_base guard exempts. */
    public static Set<String> builtInOrigins() {
        return builtInOrigins(ProviderTable.bundled());
    }

    /** The origins of the base URLs of the table's callable entries. */
    public static Set<String> builtInOrigins(ProviderTable table) {
        Set<String> origins = new HashSet<>();
        for (ProviderInfo provider : table.providers()) {
            if (provider.callable().isPresent()) {
                provider.baseUrl().ifPresent(url -> origins.add(Transport.origin(URI.create(url))));
            }
        }
        return origins;
    }

    /** Every provider of the bundled table. */
    public static ProviderRegistry all(Transport transport) {
        return all(ProviderTable.bundled(), transport);
    }

    /**
     * Every provider of {@code table}. A table that names a wire format no provider class serves for
     * that entry fails here, at start, rather than on the first call.
     */
    public static ProviderRegistry all(ProviderTable table, Transport transport) {
        List<Provider> providers = new ArrayList<>();
        Map<String, String> notCallable = new LinkedHashMap<>();
        for (ProviderInfo info : table.providers()) {
            switch (info.invocation()) {
                case Invocation.NotCallable none -> notCallable.put(info.id(), none.reason());
                case Invocation.Callable callable -> providers.add(provider(info, callable, transport));
            }
        }
        return new ProviderRegistry(providers, notCallable);
    }

    private static Provider provider(ProviderInfo info, Invocation.Callable callable, Transport transport) {
        if (callable.format() == OpenAiChatFormat.INSTANCE) {
            OpenAiDialect dialect = OWN_DIALECTS.getOrDefault(info.id(), () -> CompatDialect.of(info, callable)).get();
            return new OpenAiCompatProvider(dialect, RequestEdits.of(callable), callable.chatTranslated().isEmpty(),
                    callable.alsoSpeaks(), transport);
        }
        Map.Entry<String, Function<Transport, Provider>> entry = NATIVE.get(callable.format());
        if (!entry.getKey().equals(info.id()) || !callable.drop().isEmpty() || !callable.rename().isEmpty()
                || !callable.apiBaseSuffix().isEmpty() || callable.thinkingChunks()
                || callable.chatTranslated().isPresent() || !callable.alsoSpeaks().isEmpty()) {
            throw new IllegalStateException("Provider '" + info.id() + "' in the provider table: wire_format '"
                    + callable.format().tableName() + "' is only built for the '" + entry.getKey() + "' entry, without"
                    + " drop, rename, api_base_suffix, assistant_thinking, chat_translated or also_speaks; give it"
                    + " wire_format 'openai' if it offers an OpenAI-compatible API, or a not_callable reason");
        }
        return entry.getValue().apply(transport);
    }
}
