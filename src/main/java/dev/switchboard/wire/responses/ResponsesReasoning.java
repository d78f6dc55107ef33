package dev.switchboard.wire.responses;

import static dev.switchboard.wire.responses.ResponsesFields.NODES;
import static dev.switchboard.wire.responses.ResponsesFields.given;
import static dev.switchboard.wire.responses.ResponsesFields.putExtra;
import static dev.switchboard.wire.responses.ResponsesFields.rest;
import static dev.switchboard.wire.responses.ResponsesFields.textOf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.Signatures;
import dev.switchboard.core.Thinking;
import dev.switchboard.core.WireFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code reasoning} items and {@link Thinking}, both ways. The thinking's text is the item's summary
 * texts joined by blank lines (or, from open-weight models that send it, its {@code reasoning_text}
 * content), and its signature the {@code encrypted_content}, with which a Responses provider reads
 * its reasoning back when nothing is stored ({@code store: false}).
 *
 * <p>Signatures follow {@link Signatures}: a caller of another format gets the encrypted content
 * tagged as the Responses provider's, and a Responses caller gets another provider's signature
 * tagged with its maker as {@code encrypted_content}, so each goes back only to the provider that
 * made it. Thinking without a signature from a Responses provider is never sent to one: a reasoning
 * item it cannot decrypt is refused.
 */
final class ResponsesReasoning {

    private static final Set<String> FIELDS = Set.of("type", "summary", "content", "encrypted_content");

    private ResponsesReasoning() {
    }

    /** A caller's reasoning item; empty when it holds neither text nor encrypted content. */
    static Optional<Thinking> decode(JsonNode item, String path) {
        for (String list : List.of("summary", "content")) {
            JsonNode parts = item.get(list);
            if (given(parts)) {
                ResponsesFields.listOfObjects(parts, path + "." + list, false);
                for (int i = 0; i < parts.size(); i++) {
                    ResponsesFields.requiredText(parts.get(i), "text", path + "." + list + "[" + i + "].text");
                }
            }
        }
        ResponsesFields.text(item, "encrypted_content", path + ".encrypted_content");
        return read(item);
    }

    /** A reasoning item of a provider's answer, read leniently; empty when it holds nothing. */
    static Optional<Thinking> read(JsonNode item) {
        String text = texts(item.get("summary"), "\n\n");
        if (text.isEmpty()) {
            text = texts(item.get("content"), "");
        }
        Optional<String> signature = textOf(item.get("encrypted_content")).filter(s -> !s.isEmpty());
        if (text.isEmpty() && signature.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Thinking(text, signature, rest(item, FIELDS)));
    }

    private static String texts(JsonNode parts, String separator) {
        List<String> texts = new ArrayList<>();
        if (parts != null && parts.isArray()) {
            parts.forEach(part -> textOf(part.get("text")).filter(t -> !t.isEmpty()).ifPresent(texts::add));
        }
        return String.join(separator, texts);
    }

    /**
     * The reasoning item a Responses provider takes back: only for thinking it signed (see
     * {@link Signatures#forProvider}), the item's {@code id} only in a request in Responses naming.
     */
    static Optional<ObjectNode> encode(Thinking thinking, boolean keepExtra, Optional<WireFormat> source) {
        Optional<String> sent = thinking.signature().filter(s -> !Signatures.unsigned(s))
                .flatMap(s -> Signatures.forProvider(s, source, ResponsesFormat.INSTANCE));
        if (sent.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode item = NODES.objectNode().put("type", "reasoning");
        if (keepExtra && thinking.extra().get("id") instanceof JsonNode id && id.isTextual()) {
            item.set("id", id);
        }
        item.set("summary", summary(thinking.text()));
        item.put("encrypted_content", sent.get());
        putExtra(item, thinking.extra(), keepExtra);
        return Optional.of(item);
    }

    /**
     * The reasoning output item for a caller; {@code maker} is the format the answer came from. A
     * signature becomes the {@code encrypted_content}, tagged when another format's provider made it.
     */
    static ObjectNode output(Thinking thinking, String id, Optional<WireFormat> maker) {
        ObjectNode item = NODES.objectNode().put("id", id).put("type", "reasoning");
        item.set("summary", summary(thinking.text()));
        thinking.signature().filter(s -> !s.isEmpty()).ifPresent(s -> item.put("encrypted_content",
                Signatures.forCaller(s, maker, ResponsesFormat.INSTANCE)));
        return item;
    }

    static ArrayNode summary(String text) {
        ArrayNode summary = NODES.arrayNode();
        if (!text.isEmpty()) {
            summary.addObject().put("type", "summary_text").put("text", text);
        }
        return summary;
    }

    /**
     * A pass-through {@code input} with every reasoning item's {@code encrypted_content} as a
     * Responses provider takes it: tagged as its own, untagged; tagged as another provider's (or the
     * bare tag of unsigned thinking), the item left out, as OpenAI refuses what it cannot decrypt.
     * Empty when nothing needs changing; the caller's list is never changed.
     */
    static Optional<ArrayNode> forProvider(ArrayNode input) {
        ArrayNode copy = null;
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            Optional<String> encrypted = "reasoning".equals(ResponsesFields.type(item))
                    ? textOf(item.get("encrypted_content")) : Optional.empty();
            Optional<String> sent = encrypted.flatMap(e -> Signatures.forProvider(e,
                    Optional.of(ResponsesFormat.INSTANCE), ResponsesFormat.INSTANCE));
            if (encrypted.isEmpty() || sent.equals(encrypted)) {
                if (copy != null) {
                    copy.add(item);
                }
                continue;
            }
            if (copy == null) {
                copy = NODES.arrayNode(input.size());
                for (int j = 0; j < i; j++) {
                    copy.add(input.get(j));
                }
            }
            if (sent.isPresent()) {
                copy.add(((ObjectNode) item).deepCopy().put("encrypted_content", sent.get()));
            }
        }
        return Optional.ofNullable(copy);
    }
}
