package dev.switchboard.wire.openai;

import dev.switchboard.wire.WireFields;

/**
 * Typed reads of OpenAI JSON: the shared {@link WireFields} readers, under the codec's own name so
 * its files read {@code OpenAiFields.text(...)}.
 */
final class OpenAiFields extends WireFields {

    private OpenAiFields() {
    }
}
