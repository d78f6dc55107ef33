// Display helpers shared by every screen.

const DISPLAY_NAMES: Record<string, string> = {
  openai: "OpenAI",
  anthropic: "Anthropic",
  bedrock: "Amazon Bedrock",
  gemini: "Google Gemini",
  vertex_ai: "Google Vertex AI",
  azure: "Azure OpenAI",
  groq: "Groq",
  databricks: "Databricks",
  xai: "xAI",
  cohere: "Cohere",
  mistral: "Mistral AI",
  together_ai: "Together AI",
  fireworks_ai: "Fireworks AI",
  replicate: "Replicate",
  huggingface: "Hugging Face",
  ai21: "AI21",
  perplexity: "Perplexity",
  deepinfra: "DeepInfra",
  nvidia_nim: "NVIDIA NIM",
  cerebras: "Cerebras",
  deepseek: "DeepSeek",
  openrouter: "OpenRouter",
  ollama: "Ollama",
};

/** The providers shown first in every picker, in this order (MLflow's COMMON_PROVIDERS). */
export const COMMON_PROVIDERS = ["openai", "anthropic", "databricks", "bedrock", "gemini", "vertex_ai", "xai"];

/** A provider's name for people: the catalog's display name, a known one, or the id title-cased. */
export function providerName(id: string | undefined, catalogName?: string): string {
  if (!id) return "—";
  if (DISPLAY_NAMES[id]) return DISPLAY_NAMES[id];
  if (catalogName) return catalogName;
  return id
    .split(/[_-]/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join(" ");
}

/** A context window: 128000 → "128K", 1048576 → "1.0M". */
export function formatTokens(tokens: number | undefined): string {
  if (tokens === undefined || tokens === null) return "—";
  if (tokens >= 1_000_000) return (tokens / 1_000_000).toFixed(1) + "M";
  if (tokens >= 1_000) return Math.round(tokens / 1_000) + "K";
  return String(tokens);
}

/** A per-token price as dollars per million tokens: "$2.50/1M", "$0.0012/1M", "Free" for 0. */
export function formatCost(perToken: number | undefined): string {
  if (perToken === undefined || perToken === null) return "—";
  if (perToken === 0) return "Free";
  const perMillion = perToken * 1_000_000;
  if (perMillion < 0.01) return "$" + Number(perMillion.toPrecision(2)).toString() + "/1M";
  return "$" + perMillion.toFixed(2) + "/1M";
}

/** A timestamp in milliseconds, in the browser's locale. */
export function formatDate(millis: number | undefined): string {
  if (!millis) return "—";
  return new Date(millis).toLocaleString(undefined, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });
}

/** The endpoint name rules of the management API (docs/management-api.md). */
export function endpointNameError(name: string): string | undefined {
  if (name.length === 0) return "Name is required";
  if (name.length > 64) return "At most 64 characters";
  if (!/^[A-Za-z0-9._-]+$/.test(name)) return "Use only letters, digits, '.', '_' and '-'";
  if (name.startsWith(".")) return "Must not start with '.'";
  return undefined;
}

/** "1 endpoint", "3 endpoints". */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** How many rows a filtered list shows: "3 endpoints", or "1 of 3 endpoints" when some are hidden. */
export function countOf(shown: number, total: number, noun: string): string {
  return shown === total ? plural(total, noun) : `${shown} of ${plural(total, noun)}`;
}
