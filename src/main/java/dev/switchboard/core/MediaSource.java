package dev.switchboard.core;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the bytes of an {@link Image} or {@link Document} are: inline as base64, at a URL the
 * provider fetches, or a file previously uploaded to the provider.
 */
public sealed interface MediaSource {

    /**
     * Inline bytes. {@code data} is the base64 text exactly as received (no {@code data:} prefix),
     * so re-encoding it costs nothing; {@code mediaType} is e.g. {@code image/png}.
     */
    record Base64(String mediaType, String data) implements MediaSource {
        public Base64 {
            Objects.requireNonNull(mediaType, "mediaType");
            Objects.requireNonNull(data, "data");
        }
    }

    /** An http(s) or provider-specific (e.g. {@code gs://}) URL, with its media type when known. */
    record Url(String url, Optional<String> mediaType) implements MediaSource {
        public Url {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(mediaType, "mediaType");
        }

        public Url(String url) {
            this(url, Optional.empty());
        }
    }

    /** A file uploaded to the provider's files API beforehand, by its id. */
    record FileId(String fileId) implements MediaSource {
        public FileId {
            Objects.requireNonNull(fileId, "fileId");
        }
    }
}
