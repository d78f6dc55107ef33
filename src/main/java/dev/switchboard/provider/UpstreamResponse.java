package dev.switchboard.provider;

import dev.switchboard.core.GatewayException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * A provider's response whose headers have arrived and whose body is still to be read. The caller
 * owns it and must close it; closing early (e.g. the client hung up) aborts the upstream call.
 */
public interface UpstreamResponse extends AutoCloseable {

    /** The step of reading a body without a Content-Length. */
    int CHUNKED_READ = 4096;

    int status();

    Optional<String> header(String name);

    /**
     * The headers whose name (in any case) {@code wanted} accepts, by lower-case name (repeated
     * values joined with {@code ", "}); for relaying the ones a caller relies on.
     */
    default Map<String, String> headers(Predicate<String> wanted) {
        return Map.of();
    }

    /**
     * Every response header as received, in order, a repeated one once per line; for relaying an
     * answer whole (the raw proxy route). By default, the {@link #headers} of every name.
     */
    default void forEachHeader(BiConsumer<String, String> action) {
        headers(name -> true).forEach(action);
    }

    /**
     * The body as it arrives. Every read counts as progress for the idle timeout; once the
     * response is closed or has been idle too long, reads fail (a timeout as a
     * {@link java.net.SocketTimeoutException}).
     */
    InputStream body();

    @Override
    void close();

    default String contentType() {
        return header("Content-Type").orElse("application/octet-stream");
    }

    default boolean isSuccess() {
        return status() >= 200 && status() < 300;
    }

    /**
     * Reads the whole body, up to {@code limit} bytes; more than that is an upstream failure. A body
     * with a Content-Length is read into an array of exactly that size in one go (the HTTP client
     * allocates a buffer per read of the size asked for, so reading "up to the limit" would cost a
     * large buffer per call); a chunked body is read in small steps.
     */
    default byte[] readAll(int limit) {
        try (InputStream in = body()) {
            long length = contentLength();
            if (length > limit) {
                throw tooLarge(limit);
            }
            if (length >= 0) {
                byte[] bytes = new byte[(int) length];
                int read = in.readNBytes(bytes, 0, bytes.length);
                if (read < bytes.length) {
                    throw new GatewayException.UpstreamUnavailable("The provider's response ended after " + read
                            + " of its " + length + " bytes", null);
                }
                return bytes;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(CHUNKED_READ);
            byte[] buffer = new byte[CHUNKED_READ];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (out.size() + n > limit) {
                    throw tooLarge(limit);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw UpstreamFailures.classify(e, "reading the response");
        }
    }

    /** The Content-Length the provider declared, or -1 (none, or not a number). */
    private long contentLength() {
        Optional<String> value = header("Content-Length");
        if (value.isEmpty()) {
            return -1;
        }
        try {
            long length = Long.parseLong(value.get().trim());
            return length >= 0 ? length : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static GatewayException tooLarge(int limit) {
        return new GatewayException.UpstreamUnavailable("The provider's response exceeds " + limit + " bytes", null);
    }
}
