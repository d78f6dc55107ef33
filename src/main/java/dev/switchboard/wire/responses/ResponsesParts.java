package dev.switchboard.wire.responses;

import static dev.switchboard.wire.responses.ResponsesFields.NODES;
import static dev.switchboard.wire.responses.ResponsesFields.invalid;
import static dev.switchboard.wire.responses.ResponsesFields.putExtra;
import static dev.switchboard.wire.responses.ResponsesFields.requiredText;
import static dev.switchboard.wire.responses.ResponsesFields.rest;
import static dev.switchboard.wire.responses.ResponsesFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.Content;
import dev.switchboard.core.Document;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Image;
import dev.switchboard.core.MediaSource;
import dev.switchboard.core.Text;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Content parts ({@code input_text}, {@code input_image}, {@code input_file}, and in assistant
 * messages {@code output_text} and {@code refusal}) and canonical blocks, both ways. Images and
 * files given as {@code data:} URLs become base64 sources and are written back as the same URL. A
 * {@code file_id} names a file uploaded to OpenAI, which the gateway cannot read to hand to another
 * provider: decoding refuses it with a 400. A refusal is the text of the turn.
 */
final class ResponsesParts {

    static final String USER_TYPES = "input_text, input_image, input_file";
    static final String ASSISTANT_TYPES = "output_text, refusal";

    private ResponsesParts() {
    }

    /** A caller's part of a user, system or developer message, or of a function call's output. */
    static Content decodeInput(JsonNode part, String path) {
        String type = ResponsesFields.type(part);
        return switch (type) {
            case "input_text" ->
                    new Text(requiredText(part, "text", path + ".text"), rest(part, Set.of("type", "text")));
            case "input_image" -> image(part, path);
            case "input_file" -> file(part, path);
            default -> throw invalid(path + ".type", "must be one of " + USER_TYPES);
        };
    }

    /** A caller's part of an assistant message; {@code input_text} is read as well, as some clients write it. */
    static Text decodeAssistant(JsonNode part, String path) {
        return switch (ResponsesFields.type(part)) {
            case "output_text", "input_text" ->
                    new Text(requiredText(part, "text", path + ".text"), rest(part, Set.of("type", "text")));
            case "refusal" -> new Text(requiredText(part, "refusal", path + ".refusal"),
                    rest(part, Set.of("type", "refusal")));
            default -> throw invalid(path + ".type", "must be one of " + ASSISTANT_TYPES);
        };
    }

    private static Image image(JsonNode part, String path) {
        refuseFileId(part, path);
        String url = text(part, "image_url", path + ".image_url")
                .orElseThrow(() -> invalid(path + ".image_url", "is required and must be a URL or a data URL"));
        return new Image(source(url), text(part, "detail", path + ".detail"),
                rest(part, Set.of("type", "image_url", "detail")));
    }

    private static Document file(JsonNode part, String path) {
        refuseFileId(part, path);
        Optional<String> name = text(part, "filename", path + ".filename");
        Optional<String> data = text(part, "file_data", path + ".file_data");
        Optional<String> url = text(part, "file_url", path + ".file_url");
        MediaSource source;
        if (data.isPresent()) {
            source = fileData(data.get(), name);
        } else if (url.isPresent()) {
            source = new MediaSource.Url(url.get());
        } else {
            throw invalid(path, "must have a 'file_data' or a 'file_url'");
        }
        return new Document(source, name, rest(part, Set.of("type", "filename", "file_data", "file_url")));
    }

    private static void refuseFileId(JsonNode part, String path) {
        if (ResponsesFields.given(part.get("file_id"))) {
            throw invalid(path + ".file_id", "names a file uploaded to OpenAI, which the gateway cannot read to "
                    + "send to this endpoint's provider: send the content itself (a URL, or a data URL)");
        }
    }

    /** A {@code data:<type>;base64,<data>} URL as a base64 source, any other URL as a URL source. */
    private static MediaSource source(String url) {
        int comma = url.indexOf(";base64,");
        if (url.startsWith("data:") && comma > 5) {
            return new MediaSource.Base64(url.substring(5, comma), url.substring(comma + 8));
        }
        return new MediaSource.Url(url);
    }

    /** {@code file_data}: a data URL, or bare base64 as some clients send it, its type then told by the name. */
    private static MediaSource fileData(String data, Optional<String> fileName) {
        if (source(data) instanceof MediaSource.Base64 b64) {
            return b64;
        }
        boolean text = fileName.map(n -> n.toLowerCase(Locale.ROOT).endsWith(".txt")).orElse(false);
        return new MediaSource.Base64(text ? "text/plain" : "application/pdf", data);
    }

    /**
     * A Responses input part for a user, system or developer message, or a function call's output;
     * empty for blocks that have no input part (tool calls, thinking). Audio has none either: a
     * request that holds some is refused by this target, and another target may take it.
     */
    static Optional<ObjectNode> encodeInput(Content block, boolean keepExtra) {
        ObjectNode part = NODES.objectNode();
        switch (block) {
            case Text text -> part.put("type", "input_text").put("text", text.text());
            case Image image -> {
                part.put("type", "input_image");
                if (image.source() instanceof MediaSource.FileId id) {
                    part.put("file_id", id.fileId());
                } else {
                    part.put("image_url", url(image.source()));
                }
                part.put("detail", image.detail().orElse("auto"));
            }
            case Document doc -> {
                part.put("type", "input_file");
                switch (doc.source()) {
                    case MediaSource.Base64 b64 -> {
                        if (b64.mediaType().startsWith("audio/")) {
                            throw new GatewayException.Unsupported("OpenAI's Responses API takes no audio input; "
                                    + "this target cannot answer the request");
                        }
                        part.put("filename", doc.name().orElseGet(() -> defaultName(b64.mediaType())));
                        part.put("file_data", url(b64));
                    }
                    case MediaSource.Url url -> {
                        doc.name().ifPresent(n -> part.put("filename", n));
                        part.put("file_url", url.url());
                    }
                    case MediaSource.FileId id -> part.put("file_id", id.fileId());
                }
            }
            default -> {
                return Optional.empty();
            }
        }
        putExtra(part, block.extra(), keepExtra);
        return Optional.of(part);
    }

    /** OpenAI requires a file name beside {@code file_data}; one the caller did not give is made from the type. */
    private static String defaultName(String mediaType) {
        return switch (mediaType) {
            case "application/pdf" -> "document.pdf";
            case "text/plain" -> "document.txt";
            default -> "document";
        };
    }

    private static String url(MediaSource source) {
        return switch (source) {
            case MediaSource.Base64 b64 -> "data:" + b64.mediaType() + ";base64," + b64.data();
            case MediaSource.Url url -> url.url();
            case MediaSource.FileId id -> id.fileId();
        };
    }
}
