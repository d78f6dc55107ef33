package dev.switchboard.provider.openaicompat;

import static dev.switchboard.provider.openaicompat.CompatEntry.Auth.BEARER;
import static dev.switchboard.provider.openaicompat.CompatEntry.Auth.OPTIONAL_BEARER;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenAI-compatible providers, as data. Base URLs are each provider's documented
 * OpenAI-compatible endpoint; a secret's {@code api_base} overrides them. Renames and drops are
 * limited to fields the provider is documented to reject or name differently.
 */
public final class CompatEntries {

    /** Providers that only know {@code max_tokens}, OpenAI's older name for the output limit. */
    private static final Map<String, String> MAX_TOKENS = Map.of("max_completion_tokens", "max_tokens");

    private CompatEntries() {
    }

    public static final List<CompatEntry> ALL = List.of(
            entry("openai", "OpenAI", "https://api.openai.com/v1", BEARER, Map.of(), List.of("top_k"),
                    "auth_config 'organization' sets the OpenAI-Organization header"),
            entry("groq", "Groq", "https://api.groq.com/openai/v1", BEARER, Map.of(), List.of(), ""),
            entry("together_ai", "Together AI", "https://api.together.xyz/v1", BEARER, MAX_TOKENS, List.of(), ""),
            entry("fireworks_ai", "Fireworks AI", "https://api.fireworks.ai/inference/v1", BEARER, MAX_TOKENS,
                    List.of(), ""),
            entry("deepseek", "DeepSeek", "https://api.deepseek.com/v1", BEARER, MAX_TOKENS, List.of(),
                    "reasoning models stream reasoning_content"),
            entry("xai", "xAI", "https://api.x.ai/v1", BEARER, Map.of(), List.of(), ""),
            entry("mistral", "Mistral AI", "https://api.mistral.ai/v1", BEARER,
                    Map.of("max_completion_tokens", "max_tokens", "seed", "random_seed"),
                    List.of("stream_options", "store", "metadata", "service_tier", "logit_bias", "logprobs",
                            "top_logprobs", "user"),
                    "rejects unknown request fields; calls the seed random_seed"),
            entry("openrouter", "OpenRouter", "https://openrouter.ai/api/v1", BEARER, Map.of(), List.of(), ""),
            entry("perplexity", "Perplexity", "https://api.perplexity.ai", BEARER, MAX_TOKENS, List.of(), ""),
            entry("cerebras", "Cerebras", "https://api.cerebras.ai/v1", BEARER, Map.of(), List.of(), ""),
            entry("deepinfra", "DeepInfra", "https://api.deepinfra.com/v1/openai", BEARER, MAX_TOKENS, List.of(),
                    ""),
            entry("nvidia_nim", "NVIDIA NIM", "https://integrate.api.nvidia.com/v1", BEARER, MAX_TOKENS, List.of(),
                    ""),
            entry("sambanova", "SambaNova", "https://api.sambanova.ai/v1", BEARER, MAX_TOKENS, List.of(), ""),
            entry("ollama", "Ollama", "http://localhost:11434/v1", OPTIONAL_BEARER, MAX_TOKENS, List.of(),
                    "local server; no key needed"),
            entry("vllm", "vLLM", "http://localhost:8000/v1", OPTIONAL_BEARER, Map.of(), List.of(),
                    "local server; a key only if started with --api-key"),
            entry("lm_studio", "LM Studio", "http://localhost:1234/v1", OPTIONAL_BEARER, MAX_TOKENS, List.of(),
                    "local server; no key needed"),
            new CompatEntry("databricks", "Databricks", Optional.empty(), BEARER, "/serving-endpoints", List.of(),
                    MAX_TOKENS, "api_base is the workspace URL; the model name is the serving endpoint"),
            new CompatEntry("custom", "Custom OpenAI-compatible", Optional.empty(), OPTIONAL_BEARER, "", List.of(),
                    Map.of(), "any server speaking OpenAI's chat completions; api_base is required"));

    private static CompatEntry entry(String id, String name, String baseUrl, CompatEntry.Auth auth,
                                     Map<String, String> renamed, List<String> dropped, String notes) {
        return new CompatEntry(id, name, Optional.of(baseUrl), auth, "", dropped, renamed, notes);
    }
}
