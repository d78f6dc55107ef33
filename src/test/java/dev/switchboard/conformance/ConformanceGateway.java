package dev.switchboard.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.TestGateway;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.Recorded;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The real gateway on port 0 over a temporary database, with one endpoint per provider kind, each
 * served by that kind's own {@link FakeUpstream} as its single target (no fallback).
 */
final class ConformanceGateway implements AutoCloseable {

    private final TestGateway gateway;
    private final Map<String, FakeUpstream> upstreams = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ConformanceGateway(TestGateway gateway) {
        this.gateway = gateway;
    }

    static ConformanceGateway start(Path dir) {
        ConformanceGateway fixture = new ConformanceGateway(TestGateway.start(dir));
        for (ProviderKind kind : ProviderKind.ALL) {
            FakeUpstream upstream = FakeUpstream.start();
            fixture.upstreams.put(kind.id(), upstream);
            fixture.endpoint(kind, upstream);
        }
        return fixture;
    }

    /**
     * The API key of {@code kind}'s target. It has characters that JSON may escape and URLs encode,
     * so a test can look for it in every form a provider may echo it in.
     */
    static String key(ProviderKind kind) {
        return "sk-conformance/" + kind + "+key=4f2a";
    }

    FakeUpstream upstream(ProviderKind kind) {
        return upstreams.get(kind.id());
    }

    /** The request {@code kind}'s upstream received last. */
    Recorded lastReceived(ProviderKind kind) {
        return upstream(kind).received().getLast();
    }

    /** A caller's POST of {@code json} to {@code path}, read whole. */
    Answer post(String path, String json) {
        return post(path, json, Map.of());
    }

    /** A caller's POST of {@code json} to {@code path} with {@code headers}, read whole. */
    Answer post(String path, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void endpoint(ProviderKind kind, FakeUpstream upstream) {
        ObjectNode authConfig = Cases.object().put("api_base", upstream.baseUrl());
        kind.settings().forEach(authConfig::put);
        ObjectNode secretBody = Cases.object().put("secret_name", "key-" + kind).put("provider", kind.id());
        secretBody.putObject("secret_value").put("api_key", key(kind));
        secretBody.set("auth_config", authConfig);
        TestGateway.Response secretCreated = gateway.api("POST", "secrets/create", secretBody.toString());
        if (secretCreated.status() != 200) {
            throw new AssertionError("secret create failed: " + secretCreated.body());
        }
        String secret = secretCreated.text("/secret/secret_id");
        String definition = gateway.api("POST", "model-definitions/create", """
                {"name": "def-%s", "secret_id": "%s", "provider": "%s", "model_name": "%s"}"""
                .formatted(kind, secret, kind.id(), kind.model())).text("/model_definition/model_definition_id");
        TestGateway.Response created = gateway.api("POST", "endpoints/create", """
                {"name": "%s", "model_configs": [{"model_definition_id": "%s"}]}"""
                .formatted(kind.endpoint(), definition));
        if (created.status() != 200) {
            throw new AssertionError("endpoint create failed: " + created.body());
        }
    }

    @Override
    public void close() {
        gateway.close();
        upstreams.values().forEach(FakeUpstream::close);
    }

    /** What the caller got back. */
    record Answer(int status, String contentType, String body, HttpHeaders headers) {
        JsonNode json() {
            return Cases.parse(body);
        }

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }
}
