package dev.switchboard.wire;

import dev.switchboard.core.WireFormat;
import dev.switchboard.wire.anthropic.AnthropicFormat;
import dev.switchboard.wire.gemini.GeminiFormat;
import dev.switchboard.wire.openai.OpenAiChatFormat;
import dev.switchboard.wire.responses.ResponsesFormat;
import java.util.List;
import java.util.Optional;

/** Every wire format the gateway speaks, by the name the provider table gives it in {@code wire_format}. */
public final class WireFormats {

    public static final List<WireFormat> ALL = List.of(OpenAiChatFormat.INSTANCE, AnthropicFormat.INSTANCE,
            GeminiFormat.INSTANCE, ResponsesFormat.INSTANCE);

    private WireFormats() {
    }

    /** The format of that table name, e.g. {@code openai}. */
    public static Optional<WireFormat> named(String tableName) {
        return ALL.stream().filter(format -> format.tableName().equals(tableName)).findFirst();
    }

    /** The table names, for an error message. */
    public static List<String> tableNames() {
        return ALL.stream().map(WireFormat::tableName).toList();
    }
}
