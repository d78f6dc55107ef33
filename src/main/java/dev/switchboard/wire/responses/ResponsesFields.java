package dev.switchboard.wire.responses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.WireFields;

/**
 * Typed reads of Responses JSON: the shared {@link WireFields} readers (400s that name the field by
 * its OpenAI-style path, e.g. {@code input[2].content[0].image_url}, never its value) plus the
 * Responses API's own.
 */
final class ResponsesFields extends WireFields {

    private ResponsesFields() {
    }

    /** The {@code type} of an item, part or event, or "" when it has none. */
    static String type(JsonNode node) {
        JsonNode type = node == null ? null : node.get("type");
        return type != null && type.isTextual() ? type.textValue() : "";
    }
}
