package dev.switchboard.provider;

import dev.switchboard.core.GatewayException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * A provider's response whose headers have arrived and whose body is still to be read. The caller
 * owns it and must close it; closing early (e.g. the client hung up) aborts the upstream call.
 */
public interface UpstreamResponse extends AutoCloseable {

    int status();

    Optional<String> header(String name);

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

    /** Reads the whole body, up to {@code limit} bytes; more than that is an upstream failure. */
    default byte[] readAll(int limit) {
        try (InputStream in = body()) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new GatewayException.UpstreamUnavailable("The provider's response exceeds " + limit + " bytes", null);
            }
            return bytes;
        } catch (IOException e) {
            throw UpstreamFailures.classify(e, "reading the response");
        }
    }
}
