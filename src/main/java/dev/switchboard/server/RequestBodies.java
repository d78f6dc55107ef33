package dev.switchboard.server;

import dev.switchboard.core.GatewayException;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads request bodies with a size limit, answering 413 before buffering anything too large. */
final class RequestBodies {

    private RequestBodies() {
    }

    static byte[] read(ServerRequest req, long limit) {
        var declared = req.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > limit) {
            throw new GatewayException.PayloadTooLarge(limit);
        }
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        try (InputStream in = req.content().inputStream()) {
            if (declared.isPresent()) {
                // Exactly the declared length, in one array: reading "up to the limit" would make
                // the server allocate a buffer per read and copy the pieces together.
                byte[] body = new byte[(int) declared.getAsLong()];
                int read = in.readNBytes(body, 0, body.length);
                if (read < body.length) {
                    throw new UncheckedIOException("Could not read the request body",
                            new java.io.EOFException("the body ended after " + read + " of " + body.length + " bytes"));
                }
                return body;
            }
            byte[] body = in.readNBytes((int) limit + 1);
            if (body.length > limit) {
                throw new GatewayException.PayloadTooLarge(limit);
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the request body", e);
        }
    }
}
