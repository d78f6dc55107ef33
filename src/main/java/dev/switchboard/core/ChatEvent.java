package dev.switchboard.core;

import java.util.Objects;
import java.util.Optional;

/**
 * One step of a streamed answer, closer to Anthropic's events than to OpenAI's chunks so that every
 * surface can render it. A stream decoder turns each upstream message into zero or more events; a
 * stream encoder turns each event into zero or more messages for the caller.
 *
 * <p>Ordering contract, which decoders keep and encoders may rely on:
 * <ul>
 * <li>{@link MessageStart} comes first, exactly once.</li>
 * <li>Content arrives in blocks numbered by {@code index} from 0, in the order they open, without
 *     gaps. A block opens with the first event carrying a new index: {@link TextDelta},
 *     {@link ThinkingDelta}, {@link ToolCallStart} or {@link RedactedThinkingBlock}. Once a later
 *     block has opened, decoders never add text or thinking to an earlier one (they open a new
 *     block instead), so a consumer may close a block when a higher index appears. The exception:
 *     {@link ToolCallArgsDelta} may still arrive for an earlier tool-call block when a provider
 *     interleaves parallel calls.</li>
 * <li>{@link ToolCallArgsDelta} follows the {@link ToolCallStart} of its index; concatenating its
 *     {@code json} gives the call's exact arguments text.</li>
 * <li>{@link Stop} comes once, after the last content event, when the stream completes normally.</li>
 * <li>{@link UsageUpdate} may come any number of times, before or after {@link Stop}; each carries
 *     the cumulative usage so far and replaces the previous one (never add them up). When one
 *     upstream message carries both, decoders emit {@link Stop} first.</li>
 * </ul>
 * Parallel tool calls are distinguished by their block index. Only the first choice of an
 * {@code n > 1} stream is represented.
 */
public sealed interface ChatEvent {

    /**
     * The answer began; {@code id} is the provider's message id ("" if it gave none).
     * {@code sourceFormat} is the wire format the events were decoded from, as in
     * {@link ChatResponse#sourceFormat()}: its provider made the signatures of the stream.
     */
    record MessageStart(String id, Optional<String> model, Optional<WireFormat> sourceFormat) implements ChatEvent {
        public MessageStart {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(sourceFormat, "sourceFormat");
        }

        /** A start built in code, in no particular format. */
        public MessageStart(String id, Optional<String> model) {
            this(id, model, Optional.empty());
        }
    }

    /** More text for the text block {@code index}. */
    record TextDelta(int index, String text) implements ChatEvent {
        public TextDelta {
            Objects.requireNonNull(text, "text");
        }
    }

    /** A tool call opens block {@code index}; its arguments follow as {@link ToolCallArgsDelta}s. */
    record ToolCallStart(int index, String id, String name) implements ChatEvent {
        public ToolCallStart {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
        }
    }

    /** More of the arguments JSON text of the tool call in block {@code index}. */
    record ToolCallArgsDelta(int index, String json) implements ChatEvent {
        public ToolCallArgsDelta {
            Objects.requireNonNull(json, "json");
        }
    }

    /** More reasoning text for the thinking block {@code index}. */
    record ThinkingDelta(int index, String text) implements ChatEvent {
        public ThinkingDelta {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * The (part of the) signature of block {@code index}, usually a thinking block; Gemini also signs
     * text and tool-call parts. Concatenate the parts byte-exact.
     */
    record SignatureDelta(int index, String signature) implements ChatEvent {
        public SignatureDelta {
            Objects.requireNonNull(signature, "signature");
        }
    }

    /** A whole redacted-thinking block {@code index}, with its opaque {@code data}. */
    record RedactedThinkingBlock(int index, String data) implements ChatEvent {
        public RedactedThinkingBlock {
            Objects.requireNonNull(data, "data");
        }
    }

    /** Cumulative usage so far; replaces any earlier update. */
    record UsageUpdate(Usage usage) implements ChatEvent {
        public UsageUpdate {
            Objects.requireNonNull(usage, "usage");
        }
    }

    /** Generation ended, for {@code reason}. */
    record Stop(StopReason reason) implements ChatEvent {
        public Stop {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
