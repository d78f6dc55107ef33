package dev.switchboard.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.ChatRequest;
import dev.switchboard.core.ChatResponse;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Signatures;
import dev.switchboard.core.Usage;
import java.util.Optional;

/**
 * Anthropic Messages ({@code POST /v1/messages}) and the canonical model, both ways: decoding a
 * caller's request and encoding a provider's, decoding a provider's {@code message} and encoding
 * one for a caller. Pure functions over Jackson trees. The {@code model} field is never decoded (the
 * route resolves it) and is passed in when encoding. Encoded trees may share nodes with the canonical
 * objects (schemas, extras): copy before mutating anything but top-level fields.
 *
 * <p>A request that came from Anthropic's format is written back as it came (extras, signed
 * thinking, {@code cache_control} and all). One from another format is adapted to Anthropic's rules
 * and loses the other format's extras; see {@code AnthropicMessages} (system lifting, turn merging,
 * thinking kept only with a signature Anthropic made), {@code AnthropicSampling} (temperature
 * clamped to 0–1, top_p beside temperature dropped, {@code n > 1} refused) and
 * {@code AnthropicThinking} (effort to adaptive thinking, budgets).
 *
 * <p>JSON modes: a JSON schema format is sent as Anthropic's native structured output,
 * {@code output_config.format}, so the answer is plain JSON text, nothing needs undoing in responses
 * or streams, and it works with thinking (models without structured outputs answer 400). "Any JSON
 * object" has no Anthropic form and is sent as one more system text block, {@link #JSON_INSTRUCTION}.
 */
public final class AnthropicCodec {


    /** The system instruction that stands for OpenAI's {@code json_object} response format. */
    public static final String JSON_INSTRUCTION =
            "Respond with a single valid JSON object only: no text before or after it, no code fences.";

    private AnthropicCodec() {
    }

    /**
     * A caller's request; throws {@link GatewayException.InvalidRequest} naming the first bad field
     * (without quoting it). {@code max_tokens} is required, as Anthropic requires it.
     */
    public static ChatRequest decodeRequest(JsonNode body) {
        return AnthropicRequests.decode(body, false);
    }

    /**
     * The structural rules of {@link #decodeRequest}, without decoding: {@code messages} and
     * {@code tools} are lists of objects, {@code max_tokens} an integer, and numbers, booleans and
     * objects are where the API has them. Pass-through checks a caller's body with these before
     * sending it on, so a malformed body is the caller's 400 and not a provider's; what a message or
     * tool holds is left to Anthropic, which takes kinds the codec does not (server tools).
     */
    public static void checkShape(JsonNode body) {
        AnthropicRequests.checkShape(body, false);
    }

    /**
     * A request for an Anthropic provider. {@code max_tokens} is the request's own, else
     * {@code defaultMaxTokens} (Anthropic requires one: take it from the model's catalog entry), raised
     * above a thinking budget from another format. Toward Anthropic from OpenAI's format,
     * {@code user} becomes {@code metadata.user_id} and {@code parallel_tool_calls: false} becomes
     * {@code disable_parallel_tool_use}. Throws {@link GatewayException.InvalidRequest} for
     * {@code n > 1}.
     */
    public static ObjectNode encodeRequest(ChatRequest request, String model, int defaultMaxTokens) {
        return AnthropicRequests.encode(request, model, defaultMaxTokens);
    }

    /**
     * Readies the thinking signatures of a pass-through request body for Anthropic, in place: a
     * signature tagged as Anthropic's (see {@link Signatures}) is untagged, and a thinking block
     * whose signature is tagged as another provider's, or stands for none (empty, or the bare tag of
     * another provider's unsigned thinking), is removed (with its message, if that leaves it empty):
     * Claude refuses a request with a thinking block it cannot verify. A body without such
     * signatures is left as it is.
     */
    public static void untagSignatures(ObjectNode body) {
        if (body.get("messages") instanceof ArrayNode messages) {
            AnthropicMessages.untagSignatures(messages);
        }
    }

    /** A provider's {@code message}; a body that is not one is an upstream failure (502). */
    public static ChatResponse decodeResponse(JsonNode body) {
        return AnthropicResponses.decode(body);
    }

    /**
     * A {@code message} for a caller: the first choice only, its id made to look like
     * {@code msg_...} ({@link #messageId}). Thinking that another format's provider made without a
     * signature gets the bare tag of its maker as signature (see {@link Signatures}), so that the
     * gateway knows it when the caller sends it back; an OpenAI refusal with no text becomes the
     * text of the answer.
     */
    public static ObjectNode encodeResponse(ChatResponse response, String model) {
        return AnthropicResponses.encode(response, model);
    }

    /**
     * The usage of an Anthropic {@code message} body, when it carries a {@code usage} object; used by
     * pass-through, which relays bodies without decoding them.
     */
    public static Optional<Usage> usageOf(JsonNode body) {
        JsonNode usage = body == null ? null : body.get("usage");
        return usage != null && usage.isObject() ? Optional.of(AnthropicUsage.decode(usage)) : Optional.empty();
    }

    /**
     * The id to show an Anthropic caller, derived deterministically: {@code id} itself when it already
     * starts with {@code msg_}, else {@code msg_} followed by it (so it still traces to the provider's
     * id), and {@code msg_unknown} for an empty one.
     */
    public static String messageId(String id) {
        if (id.startsWith("msg_")) {
            return id;
        }
        return id.isEmpty() ? "msg_unknown" : "msg_" + id;
    }
}
