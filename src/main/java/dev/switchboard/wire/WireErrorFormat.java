package dev.switchboard.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.core.ErrorFormat;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Json;
import dev.switchboard.core.WireFormat;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * A wire format's error shape, so its SDKs raise their typed errors. An error a provider of the
 * same format sent, in that shape, is relayed as it came (with the provider's headers its callers
 * read); any other error is written in the shape, with only {@code retry-after} from the provider.
 */
public abstract class WireErrorFormat implements ErrorFormat {

    /** The format whose providers' errors this shape relays. */
    protected abstract WireFormat format();

    /** The error written in this shape. */
    protected abstract JsonNode shape(GatewayException error);

    /** Whether a provider's error body has this shape, so its callers' SDKs can read it as it is. */
    protected abstract boolean hasShape(JsonNode body);

    @Override
    public String contentType() {
        return "application/json";
    }

    @Override
    public byte[] body(GatewayException error) {
        if (error instanceof GatewayException.Upstream upstream) {
            Optional<byte[]> own = upstream.upstreamBodyFor(format()).filter(this::shaped);
            if (own.isPresent()) {
                return own.get();
            }
        }
        return WireFields.write(shape(error));
    }

    @Override
    public Map<String, String> headers(GatewayException error) {
        if (error instanceof GatewayException.RateLimited limited) {
            return rateLimitHeaders(limited);
        }
        return error instanceof GatewayException.Upstream upstream ? upstream.headersFor(format()) : Map.of();
    }

    private boolean shaped(byte[] body) {
        try {
            JsonNode json = Json.shared().readTree(body);
            return json != null && hasShape(json);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
