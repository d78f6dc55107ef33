package dev.switchboard.api.openai;

import dev.switchboard.core.GatewayException;

/** The OpenAI routes' unknown-endpoint error, worded as OpenAI words an unknown model. */
final class ModelNotFound {

    private ModelNotFound() {
    }

    static GatewayException of(String endpoint) {
        return new GatewayException.NotFound("The model `" + endpoint + "` does not exist: no gateway endpoint has "
                + "that name");
    }
}
