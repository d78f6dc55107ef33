package dev.switchboard.wire.gemini;

import static dev.switchboard.wire.gemini.GeminiFields.NODES;
import static dev.switchboard.wire.gemini.GeminiFields.get;
import static dev.switchboard.wire.gemini.GeminiFields.invalid;
import static dev.switchboard.wire.gemini.GeminiFields.objectOf;
import static dev.switchboard.wire.gemini.GeminiFields.putExtra;
import static dev.switchboard.wire.gemini.GeminiFields.requiredText;
import static dev.switchboard.wire.gemini.GeminiFields.rest;
import static dev.switchboard.wire.gemini.GeminiFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.Content;
import dev.switchboard.core.Document;
import dev.switchboard.core.Image;
import dev.switchboard.core.MediaSource;
import dev.switchboard.core.Signatures;
import dev.switchboard.core.Text;
import dev.switchboard.core.Thinking;
import dev.switchboard.core.ToolCall;
import dev.switchboard.core.ToolResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Gemini {@code Part}s and canonical blocks, both ways: {@code text} is {@link Text}, {@code text}
 * with {@code "thought": true} is {@link Thinking} (its {@code thoughtSignature} is the signature),
 * {@code inlineData} and {@code fileData} are an {@link Image} for {@code image/*} types and a
 * {@link Document} otherwise, {@code functionCall} is a {@link ToolCall} and {@code functionResponse}
 * a {@link ToolResult} (see {@link GeminiToolResults}).
 *
 * <p>Part-level fields the model does not name ({@code thoughtSignature} on a text or function-call
 * part, {@code videoMetadata}, ...) go to the block's extra; unknown fields inside
 * {@code inlineData}, {@code fileData} and {@code functionCall} go to the extra under that name. A
 * part of a kind the model has no block for ({@code executableCode}, {@code codeExecutionResult},
 * ...) becomes an empty {@link Text} whose extra holds the whole part, so a Gemini caller's history
 * goes back unchanged; other formats see an empty text.
 */
final class GeminiParts {

    static final String SIGNATURE = "thoughtSignature";

    /** The fields that say what kind of part it is; a part has exactly one. */
    static final Set<String> DATA_FIELDS = Set.of("text", "inlineData", "fileData", "functionCall",
            "functionResponse", "executableCode", "codeExecutionResult", "toolCall", "toolResponse");

    private GeminiParts() {
    }

    static Content decode(JsonNode part, String path, GeminiCalls calls) {
        if (!part.isObject()) {
            throw invalid(path, "must be an object");
        }
        if (get(part, "functionCall") != null) {
            return toolCall(part, path, calls);
        }
        if (get(part, "functionResponse") != null) {
            return GeminiToolResults.decode(part, path, calls);
        }
        if (get(part, "inlineData") != null || get(part, "fileData") != null) {
            return media(part, path);
        }
        if (get(part, "text") == null) {
            return new Text("", rest(part, Set.of()));
        }
        String text = requiredText(part, "text", path + ".text");
        if (GeminiFields.bool(part, "thought", path + ".thought").orElse(false)) {
            return new Thinking(text, text(part, SIGNATURE, path + "." + SIGNATURE),
                    rest(part, Set.of("text", "thought", SIGNATURE)));
        }
        return new Text(text, rest(part, Set.of("text")));
    }

    private static ToolCall toolCall(JsonNode part, String path, GeminiCalls calls) {
        String callPath = path + ".functionCall";
        JsonNode call = GeminiFields.object(part, "functionCall", callPath).orElseThrow();
        String name = requiredText(call, "name", callPath + ".name");
        String id = calls.decodeCall(text(call, "id", callPath + ".id"), name);
        JsonNode args = GeminiFields.object(call, "args", callPath + ".args").orElseGet(NODES::objectNode);
        Map<String, JsonNode> extra = new LinkedHashMap<>(rest(part, Set.of("functionCall")));
        Map<String, JsonNode> more = rest(call, Set.of("id", "name", "args"));
        if (!more.isEmpty()) {
            extra.put("functionCall", objectOf(more));
        }
        return new ToolCall(id, name, args.toString(), extra);
    }

    /** An {@code inlineData} or {@code fileData} part (also the parts of a {@code functionResponse}). */
    static Content media(JsonNode part, String path) {
        boolean inline = get(part, "inlineData") != null;
        String field = inline ? "inlineData" : "fileData";
        String mediaPath = path + "." + field;
        JsonNode blob = GeminiFields.object(part, field, mediaPath).orElseThrow();
        Optional<String> mimeType = text(blob, "mimeType", mediaPath + ".mimeType");
        MediaSource source;
        if (inline) {
            source = new MediaSource.Base64(mimeType.orElseThrow(
                    () -> invalid(mediaPath + ".mimeType", "is required and must be a string")),
                    requiredText(blob, "data", mediaPath + ".data"));
        } else {
            source = new MediaSource.Url(requiredText(blob, "fileUri", mediaPath + ".fileUri"), mimeType);
        }
        Map<String, JsonNode> extra = new LinkedHashMap<>(rest(part, Set.of(field)));
        Map<String, JsonNode> more = rest(blob, Set.of("mimeType", "data", "fileUri"));
        if (!more.isEmpty()) {
            extra.put(field, objectOf(more));
        }
        return mimeType.orElse("").startsWith("image/") ? new Image(source, Optional.empty(), extra)
                : new Document(source, Optional.empty(), extra);
    }

    /**
     * The part for a block; empty for blocks Gemini has no part for (redacted thinking) and for
     * signed thinking whose signature {@code signature} maps to nothing. {@code signature} gives
     * what to write as a thinking part's {@code thoughtSignature} (see {@link Signatures}).
     */
    static Optional<ObjectNode> encode(Content block, boolean keepExtra, Function<String, Optional<String>> signature,
                                       GeminiCalls calls) {
        ObjectNode part = NODES.objectNode();
        switch (block) {
            case Text text -> {
                boolean opaque = text.text().isEmpty() && keepExtra
                        && text.extra().keySet().stream().anyMatch(DATA_FIELDS::contains);
                if (!opaque) {
                    part.put("text", text.text());
                }
            }
            case Thinking thinking -> {
                Optional<String> written = thinking.signature().flatMap(signature);
                if (thinking.signature().isPresent() && written.isEmpty()) {
                    return Optional.empty();
                }
                part.put("text", thinking.text()).put("thought", true);
                written.ifPresent(s -> part.put(SIGNATURE, s));
            }
            case Image image -> media(part, image.source(), image.extra(), keepExtra, true);
            case Document doc -> media(part, doc.source(), doc.extra(), keepExtra, false);
            case ToolCall call -> {
                ObjectNode encoded = part.putObject("functionCall");
                calls.encodeCall(call.id(), call.name()).ifPresent(id -> encoded.put("id", id));
                encoded.put("name", call.name());
                encoded.set("args", GeminiToolResults.argsObject(call.argumentsJson()));
                if (keepExtra) {
                    GeminiFields.deepMerge(encoded, call.extra().get("functionCall"));
                }
            }
            case ToolResult result -> part.set("functionResponse", GeminiToolResults.encode(result, keepExtra, calls));
            default -> {
                return Optional.empty();
            }
        }
        putExtra(part, block.extra(), keepExtra);
        return Optional.of(part);
    }

    static void media(ObjectNode part, MediaSource source, Map<String, JsonNode> extra, boolean keepExtra,
                      boolean image) {
        String field = source instanceof MediaSource.Base64 ? "inlineData" : "fileData";
        ObjectNode blob = part.putObject(field);
        switch (source) {
            case MediaSource.Base64 b64 -> blob.put("mimeType", b64.mediaType()).put("data", b64.data());
            case MediaSource.Url url -> {
                url.mediaType().or(() -> guessType(url.url(), image)).ifPresent(t -> blob.put("mimeType", t));
                blob.put("fileUri", url.url());
            }
            case MediaSource.FileId id -> blob.put("fileUri", id.fileId());
        }
        if (keepExtra) {
            GeminiFields.deepMerge(blob, extra.get(field));
        }
    }

    /** Gemini wants a MIME type with most file URIs; guessed from a URL's extension when unknown. */
    private static Optional<String> guessType(String url, boolean image) {
        String path = url.toLowerCase(java.util.Locale.ROOT).replaceFirst("[?#].*$", "");
        String ext = path.substring(path.lastIndexOf('.') + 1);
        return Optional.ofNullable(switch (ext) {
            case "png" -> "image/png";
            case "jpg", "jpeg" -> "image/jpeg";
            case "webp" -> "image/webp";
            case "gif" -> "image/gif";
            case "heic" -> "image/heic";
            case "heif" -> "image/heif";
            case "pdf" -> image ? null : "application/pdf";
            default -> null;
        });
    }
}
