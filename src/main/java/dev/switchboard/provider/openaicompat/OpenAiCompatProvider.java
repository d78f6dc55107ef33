package dev.switchboard.provider.openaicompat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.core.GatewayException;
import dev.switchboard.core.Operation;
import dev.switchboard.core.WireFormat;
import dev.switchboard.provider.Call;
import dev.switchboard.provider.Provider;
import dev.switchboard.provider.ProxyTarget;
import dev.switchboard.provider.Target;
import dev.switchboard.provider.Transport;
import dev.switchboard.provider.UpstreamJson;
import dev.switchboard.provider.UpstreamRequest;
import dev.switchboard.provider.UpstreamResponse;
import dev.switchboard.wire.openai.OpenAiChatFormat;
import java.util.List;
import java.util.Map;

/**
 * Every provider that speaks OpenAI's wire format ({@link OpenAiChatFormat}), one instance per
 * {@link OpenAiDialect}, which says where operations live and how to authenticate, with the
 * {@link RequestEdits} of its entry in the provider table, applied to every chat and embeddings body
 * it is sent, translated or passed through. The formats its entry says it also speaks (OpenAI's
 * Responses) are sent as they are, at the dialect's address for their operation.
 */
public final class OpenAiCompatProvider implements Provider {

    private final OpenAiDialect dialect;
    private final RequestEdits edits;
    private final boolean passesChatThrough;
    private final List<WireFormat> alsoSpeaks;
    private final UpstreamJson json;

    /**
     * With {@code passesChatThrough} false, chat callers in OpenAI's format are translated too;
     * {@code alsoSpeaks} are the other formats the provider takes as they are.
     */
    public OpenAiCompatProvider(OpenAiDialect dialect, RequestEdits edits, boolean passesChatThrough,
                                List<WireFormat> alsoSpeaks, Transport transport) {
        this.dialect = dialect;
        this.edits = edits;
        this.passesChatThrough = passesChatThrough;
        this.alsoSpeaks = List.copyOf(alsoSpeaks);
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
    public boolean speaks(WireFormat format) {
        return format == OpenAiChatFormat.INSTANCE || alsoSpeaks.contains(format);
    }

    /** A Responses-only model is passed through to from Responses callers only. */
    @Override
    public boolean passesThrough(WireFormat format, Target target) {
        return speaks(format) && (!target.responsesOnly() || format.chatOperation(false) == Operation.RESPONSES);
    }

    /** A Responses-only model is called through Responses, when the provider speaks it. */
    @Override
    public WireFormat chatFormat(Target target) {
        return target.responsesOnly() ? responses(target) : OpenAiChatFormat.INSTANCE;
    }

    private WireFormat responses(Target target) {
        for (WireFormat format : alsoSpeaks) {
            if (format.chatOperation(false) == Operation.RESPONSES) {
                return format;
            }
        }
        throw new GatewayException.Unsupported("Model '" + target.modelName() + "' is served only by OpenAI's "
                + "Responses API, which provider '" + id() + "' does not offer");
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
    public UpstreamRequest request(Operation operation, ObjectNode body, Map<String, String> forwarded, Call call) {
        WireFormat format = OpenAiChatFormat.INSTANCE;
        for (WireFormat other : alsoSpeaks) {
            if (other.chatOperation(false) == operation || other.chatOperation(true) == operation) {
                format = other;
            }
        }
        if (format == OpenAiChatFormat.INSTANCE) {
            edits.apply(body);
        }
        return UpstreamJson.request(dialect.uri(call.target(), operation), dialect.headers(call.target()), forwarded,
                body, format);
    }

    @Override
    public UpstreamResponse send(UpstreamRequest request, Call call) {
        return json.send(request, call);
    }
}
