package dev.switchboard.provider;

import dev.switchboard.core.WireFormat;
import java.net.URI;
import java.util.Map;

/**
 * A request to a provider, described but not sent: where it goes, every header it carries (the
 * provider's own authentication over the caller's forwarded ones), the JSON body as bytes, and the
 * format the provider writes its errors in. Describing is pure work, apart from sending, which is
 * the transport's ({@link Provider#send(UpstreamRequest, Call)}): whatever must see the whole request
 * before it goes (a signature over its body and headers, say) sees it here.
 */
public record UpstreamRequest(URI uri, Map<String, String> headers, byte[] body, WireFormat errors) {

    public static final String CONTENT_TYPE = "application/json";
}
