package dev.switchboard.api.proxy;

import dev.switchboard.TestGateway;

/** Endpoints for proxy tests, made over the management API. */
final class ProxyFixtures {

    private ProxyFixtures() {
    }

    /** An endpoint {@code name} with one target, model {@code model-<name>}, on {@code provider} at {@code apiBase}. */
    static void endpoint(TestGateway gw, String name, String provider, String apiBase, String key) {
        TestGateway.Response secret = gw.api("POST", "secrets/create", """
                {"secret_name": "key-%s", "secret_value": {"api_key": "%s"},
                 "provider": "%s", "auth_config": {"api_base": "%s"}}""".formatted(name, key, provider, apiBase));
        if (secret.status() != 200) {
            throw new AssertionError("secret create failed: " + secret.body());
        }
        String definition = gw.api("POST", "model-definitions/create", """
                {"name": "def-%s", "secret_id": "%s", "provider": "%s", "model_name": "model-%s"}"""
                .formatted(name, secret.text("/secret/secret_id"), provider, name))
                .text("/model_definition/model_definition_id");
        TestGateway.Response endpoint = gw.api("POST", "endpoints/create", """
                {"name": "%s", "model_configs": [{"model_definition_id": "%s"}]}""".formatted(name, definition));
        if (endpoint.status() != 200) {
            throw new AssertionError("endpoint create failed: " + endpoint.body());
        }
    }
}
