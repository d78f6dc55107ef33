package dev.switchboard.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/** The shape the caller wants the answer in: free text, any JSON object, or JSON matching a schema. */
public sealed interface ResponseFormat {

    ResponseFormat TEXT = new PlainText();
    ResponseFormat JSON_OBJECT = new JsonObject();

    /** Free text (OpenAI {@code {"type": "text"}}). */
    record PlainText() implements ResponseFormat {
    }

    /** Any valid JSON object ("JSON mode"). */
    record JsonObject() implements ResponseFormat {
    }

    /**
     * JSON valid against {@code schema}. {@code name} is required by OpenAI; codecs of formats without
     * one (Gemini) use {@code "response"}. {@code strict} is absent when the caller did not say.
     */
    record JsonSchema(String name, Optional<String> description, JsonNode schema, Optional<Boolean> strict)
            implements ResponseFormat {
        public JsonSchema {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(schema, "schema");
            Objects.requireNonNull(strict, "strict");
        }
    }
}
