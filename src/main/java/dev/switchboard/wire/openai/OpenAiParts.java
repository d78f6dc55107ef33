package dev.switchboard.wire.openai;

import static dev.switchboard.wire.openai.OpenAiFields.NODES;
import static dev.switchboard.wire.openai.OpenAiFields.invalid;
import static dev.switchboard.wire.openai.OpenAiFields.putExtra;
import static dev.switchboard.wire.openai.OpenAiFields.requiredText;
import static dev.switchboard.wire.openai.OpenAiFields.rest;
import static dev.switchboard.wire.openai.OpenAiFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.Content;
import dev.switchboard.core.Document;
import dev.switchboard.core.Image;
import dev.switchboard.core.MediaSource;
import dev.switchboard.core.Text;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * OpenAI's content parts ({@code text}, {@code image_url}, {@code input_audio}, {@code file}) and
 * canonical blocks, both ways. Images and files given as {@code data:} URLs become base64 sources and
 * are written back as the same URL; {@code input_audio} is a {@link Document} with an audio type.
 */
final class OpenAiParts {

    static final String USER_TYPES = "text, image_url, input_audio, file";

    private OpenAiParts() {
    }

    static Content decode(JsonNode part, String path) {
        if (!part.isObject()) {
            throw invalid(path, "must be an object");
        }
        String type = part.path("type").isTextual() ? part.get("type").textValue() : "";
        return switch (type) {
            case "text" -> new Text(requiredText(part, "text", path + ".text"), rest(part, Set.of("type", "text")));
            case "image_url" -> image(part, path);
            case "input_audio" -> {
                JsonNode audio = OpenAiFields.object(part, "input_audio", path + ".input_audio")
                        .orElseThrow(() -> invalid(path + ".input_audio", "must be an object"));
                String data = requiredText(audio, "data", path + ".input_audio.data");
                String format = requiredText(audio, "format", path + ".input_audio.format");
                yield new Document(new MediaSource.Base64(audioType(format), data), Optional.empty(),
                        rest(part, Set.of("type", "input_audio")));
            }
            case "file" -> {
                JsonNode file = OpenAiFields.object(part, "file", path + ".file")
                        .orElseThrow(() -> invalid(path + ".file", "must be an object"));
                Optional<String> id = text(file, "file_id", path + ".file.file_id");
                Optional<String> data = text(file, "file_data", path + ".file.file_data");
                if (id.isEmpty() && data.isEmpty()) {
                    throw invalid(path + ".file", "must have a 'file_data' or a 'file_id'");
                }
                MediaSource source = id.<MediaSource>map(MediaSource.FileId::new).orElseGet(() -> source(data.get()));
                yield new Document(source, text(file, "filename", path + ".file.filename"),
                        rest(part, Set.of("type", "file")));
            }
            default -> throw invalid(path + ".type", "must be one of " + USER_TYPES);
        };
    }

    private static Image image(JsonNode part, String path) {
        JsonNode imageUrl = part.get("image_url");
        String url;
        Optional<String> detail = Optional.empty();
        if (imageUrl != null && imageUrl.isTextual()) {
            url = imageUrl.textValue();
        } else if (imageUrl != null && imageUrl.isObject()) {
            url = requiredText(imageUrl, "url", path + ".image_url.url");
            detail = text(imageUrl, "detail", path + ".image_url.detail");
        } else {
            throw invalid(path + ".image_url", "must be an object with a 'url'");
        }
        return new Image(source(url), detail, rest(part, Set.of("type", "image_url")));
    }

    /** An OpenAI part for a block, or empty for blocks a user or system message cannot carry. */
    static Optional<ObjectNode> encode(Content block, boolean keepExtra) {
        ObjectNode part = NODES.objectNode();
        switch (block) {
            case Text text -> part.put("type", "text").put("text", text.text());
            case Image image -> {
                if (image.source() instanceof MediaSource.FileId id) {
                    part.put("type", "file").putObject("file").put("file_id", id.fileId());
                } else {
                    ObjectNode url = part.put("type", "image_url").putObject("image_url").put("url", url(image.source()));
                    image.detail().ifPresent(d -> url.put("detail", d));
                }
            }
            case Document doc -> {
                if (doc.source() instanceof MediaSource.Base64 b64 && b64.mediaType().startsWith("audio/")) {
                    part.put("type", "input_audio").putObject("input_audio").put("data", b64.data())
                            .put("format", audioFormat(b64.mediaType()));
                } else {
                    ObjectNode file = part.put("type", "file").putObject("file");
                    doc.name().ifPresent(n -> file.put("filename", n));
                    if (doc.source() instanceof MediaSource.FileId id) {
                        file.put("file_id", id.fileId());
                    } else {
                        file.put("file_data", url(doc.source()));
                    }
                }
            }
            default -> {
                return Optional.empty();
            }
        }
        putExtra(part, block.extra(), keepExtra);
        return Optional.of(part);
    }

    /** A {@code data:<type>;base64,<data>} URL as a base64 source, any other URL as a URL source. */
    static MediaSource source(String url) {
        int comma = url.indexOf(";base64,");
        if (url.startsWith("data:") && comma > 5) {
            return new MediaSource.Base64(url.substring(5, comma), url.substring(comma + 8));
        }
        return new MediaSource.Url(url);
    }

    static String url(MediaSource source) {
        return switch (source) {
            case MediaSource.Base64 b64 -> "data:" + b64.mediaType() + ";base64," + b64.data();
            case MediaSource.Url url -> url.url();
            case MediaSource.FileId id -> id.fileId();
        };
    }

    private static String audioType(String format) {
        return "mp3".equals(format) ? "audio/mpeg" : "audio/" + format.toLowerCase(Locale.ROOT);
    }

    private static String audioFormat(String mediaType) {
        String subtype = mediaType.substring("audio/".length());
        return switch (subtype) {
            case "mpeg", "mp3" -> "mp3";
            case "x-wav", "wave", "vnd.wave" -> "wav";
            default -> subtype;
        };
    }
}
