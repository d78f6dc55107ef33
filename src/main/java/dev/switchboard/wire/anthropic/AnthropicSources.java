package dev.switchboard.wire.anthropic;

import static dev.switchboard.wire.anthropic.AnthropicFields.NODES;
import static dev.switchboard.wire.anthropic.AnthropicFields.invalid;
import static dev.switchboard.wire.anthropic.AnthropicFields.requiredText;
import static dev.switchboard.wire.anthropic.AnthropicFields.text;
import static dev.switchboard.wire.anthropic.AnthropicFields.type;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.MediaSource;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code source} of an image or document block and {@link MediaSource}, both ways: {@code base64},
 * {@code url} and {@code file} map one to one; a plain-text document source
 * ({@code {"type": "text", "media_type": "text/plain", "data": ...}}) becomes a base64 source of its
 * UTF-8 bytes, and any base64 {@code text/*} source is written back as plain text.
 */
final class AnthropicSources {

    private AnthropicSources() {
    }

    static MediaSource decode(JsonNode block, String path, boolean document) {
        String at = path + ".source";
        JsonNode source = AnthropicFields.object(block, "source", at)
                .orElseThrow(() -> invalid(at, "is required and must be an object"));
        return switch (type(source)) {
            case "base64" -> new MediaSource.Base64(requiredText(source, "media_type", at + ".media_type"),
                    requiredText(source, "data", at + ".data"));
            case "url" -> new MediaSource.Url(requiredText(source, "url", at + ".url"));
            case "file" -> new MediaSource.FileId(requiredText(source, "file_id", at + ".file_id"));
            case "text" -> {
                if (!document) {
                    throw invalid(at + ".type", "must be one of base64, url, file");
                }
                String data = requiredText(source, "data", at + ".data");
                yield new MediaSource.Base64(text(source, "media_type", at + ".media_type").orElse("text/plain"),
                        Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8)));
            }
            default -> throw invalid(at + ".type", document ? "must be one of base64, url, text, file"
                    : "must be one of base64, url, file");
        };
    }

    static ObjectNode encode(MediaSource source) {
        ObjectNode out = NODES.objectNode();
        switch (source) {
            case MediaSource.Base64 b64 when b64.mediaType().startsWith("text/") && decodable(b64.data()) ->
                    out.put("type", "text").put("media_type", "text/plain").put("data",
                            new String(Base64.getDecoder().decode(b64.data()), StandardCharsets.UTF_8));
            case MediaSource.Base64 b64 -> out.put("type", "base64").put("media_type", b64.mediaType())
                    .put("data", b64.data());
            case MediaSource.Url url -> out.put("type", "url").put("url", url.url());
            case MediaSource.FileId id -> out.put("type", "file").put("file_id", id.fileId());
        }
        return out;
    }

    private static boolean decodable(String base64) {
        try {
            Base64.getDecoder().decode(base64);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
