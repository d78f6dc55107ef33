package dev.switchboard.provider.openaicompat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.Operation;
import dev.switchboard.core.WireFormat;
import dev.switchboard.provider.Call;
import dev.switchboard.provider.Provider;
import dev.switchboard.provider.Transport;
import dev.switchboard.provider.UpstreamJson;
import dev.switchboard.provider.UpstreamResponse;
import dev.switchboard.wire.openai.OpenAiChatFormat;
import java.util.Map;

/**
 * Every provider that speaks OpenAI's wire format ({@link OpenAiChatFormat}), one instance per
 * {@link OpenAiDialect}, which says where operations live, how to authenticate and which request
 * fields the provider drops or renames.
 */
public final class OpenAiCompatProvider implements Provider {

    private final OpenAiDialect dialect;
    private final UpstreamJson json;

    public OpenAiCompatProvider(OpenAiDialect dialect, Transport transport) {
        this.dialect = dialect;
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
    public UpstreamResponse send(Operation operation, ObjectNode body, Map<String, String> forwarded, Call call) {
        dialect.adjust(body);
        return json.post(dialect.uri(call.target(), operation), dialect.headers(call.target()), forwarded, body, call,
                OpenAiChatFormat.INSTANCE);
    }
}
