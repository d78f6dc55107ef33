package dev.switchboard.conformance;

/**
 * A named loss: what a caller gets instead of the feature in a {@link Verdict#LOSSY} cell. Each
 * belongs to one scenario, whose check asserts exactly what the text says for the cells declaring it.
 */
enum Loss {
    CALL_SIGNATURE_PLACEHOLDER(Scenario.CONTINUATION, "The caller's format has no place for the signature Gemini "
            + "puts on a function call: the gateway sends the placeholder Gemini's guide gives for that case "
            + "(`skip_thought_signature_validator`), which Gemini 3 accepts"),
    TOP_K_DROPPED(Scenario.SAMPLING, "`top_k` is not sent: the provider does not take it"),
    TOP_P_DROPPED(Scenario.SAMPLING, "`top_p` is not sent beside `temperature`: Claude takes only one of the two"),
    JSON_MODE_BY_INSTRUCTION(Scenario.JSON_MODE,
            "Claude has no JSON mode: the gateway asks for a JSON object in one more system text"),
    MATCHED_SEQUENCE_UNKNOWN(Scenario.STOP_SEQUENCES,
            "The provider does not say which sequence matched: the caller gets `end_turn` and no `stop_sequence`"),
    OFF_LEFT_TO_MODEL(Scenario.REASONING_OFF, "No `reasoning_effort` (Responses: `reasoning.effort`) is sent (only "
            + "newer models take `none`): the model's default applies"),
    CACHE_WRITES_NOT_TOLD_APART(Scenario.CACHED_USAGE,
            "Cache writes count in the prompt tokens, without a field of their own in the caller's format"),
    PROVIDER_HEADERS_NOT_RELAYED(Scenario.HEADERS,
            "The provider's request id and rate-limit headers are not relayed: their names are another format's"),
    TRANSLATED_HEADERS_NOT_RELAYED(Scenario.HEADERS, "The caller speaks one of OpenAI's two APIs (chat completions, "
            + "Responses) and the provider only the other, so the call is translated, and a translated answer relays "
            + "no provider headers: the request id and rate-limit headers are lost, though their names are the caller's"),
    STOP_SEQUENCES_DROPPED(Scenario.STOP_SEQUENCES, "OpenAI's Responses API has no stop sequences: they are not "
            + "sent, so the model does not stop on them, and the caller gets `end_turn` and no `stop_sequence`");

    final Scenario scenario;
    final String text;

    Loss(Scenario scenario, String text) {
        this.scenario = scenario;
        this.text = text;
    }
}
