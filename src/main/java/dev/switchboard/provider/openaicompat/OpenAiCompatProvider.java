package dev.switchboard.provider.openaicompat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.Operation;
import dev.switchboard.core.WireFormat;
import dev.switchboard.provider.Call;
import dev.switchboard.provider.Provider;
import dev.switchboard.provider.ProxyTarget;
import dev.switchboard.provider.Target;
import dev.switchboard.provider.Transport;
import dev.switchboard.provider.UpstreamJson;
import dev.switchboard.provider.UpstreamResponse;
import dev.switchboard.wire.openai.OpenAiChatFormat;
import java.util.Map;

/**
 * Every provider that speaks OpenAI's wire format ({@link OpenAiChatFormat}), one instance per
 * {@link OpenAiDialect}, which says where operations live and how to authenticate, with the
 * {@link RequestEdits} of its entry in the provider table, applied to every body it is sent,
 * translated or passed through.
 */
public final class OpenAiCompatProvider implements Provider {

    private final OpenAiDialect dialect;
    private final RequestEdits edits;
    private final boolean passesChatThrough;
    private final UpstreamJson json;

    /** With {@code passesChatThrough} false, chat callers in OpenAI's format are translated too. */
    public OpenAiCompatProvider(OpenAiDialect dialect, RequestEdits edits, boolean passesChatThrough,
                                Transport transport) {
        this.dialect = dialect;
        this.edits = edits;
        this.passesChatThrough = passesChatThrough;
        this.json = new UpstreamJson(transport);
    }

    @Override
    public String id() {
        return dialect.id();
    }

    @Override
    public WireFormat wireFormat() {
        return OpenAiChatFormat.INSTANCE;
    }

    @Override
    public boolean passesChatThrough() {
        return passesChatThrough;
    }

    @Override
    public ProxyTarget proxy(Target target) {
        return dialect.proxy(target);
    }

    @Override
    public UpstreamResponse send(Operation operation, ObjectNode body, Map<String, String> forwarded, Call call) {
        edits.apply(body);
        return json.post(dialect.uri(call.target(), operation), dialect.headers(call.target()), forwarded, body, call,
                OpenAiChatFormat.INSTANCE);
    }
}
