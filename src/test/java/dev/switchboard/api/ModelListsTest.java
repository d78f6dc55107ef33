package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testing.FakeUpstream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoints listed as models on the Anthropic surface ({@code /v1/models}: newest first, cursor
 * pages) and the Gemini surface ({@code models}: by name, token pages), one at a time by name, and
 * their errors in each surface's shape.
 */
class ModelListsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> NAMES = List.of("alpha", "bravo", "charlie", "delta", "echo");

    @TempDir
    Path dir;
    GatewayFixture fixture;
    final List<String> ids = new ArrayList<>();

    @BeforeEach
    void start() {
        fixture = GatewayFixture.start(dir);
        FakeUpstream upstream = fixture.upstream();
        String definition = fixture.definition(upstream.baseUrl(), "gpt-4o");
        // created in an order that is not the names' order, so the two lists' orders differ
        for (String name : List.of("charlie", "alpha", "echo", "bravo", "delta")) {
            ids.add(fixture.endpoint(name, definition));
        }
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    private JsonNode get(String path, int status) {
        HttpResponse<String> response = fixture.exchange("GET", path, null);
        assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("data").forEach(model -> ids.add(model.path("id").asText()));
        return ids;
    }

    @Test
    void anthropic_lists_every_endpoint_as_a_model_newest_first() {
        JsonNode list = get("/gateway/anthropic/v1/models", 200);

        assertThat(ids(list)).containsExactlyInAnyOrderElementsOf(NAMES);
        List<JsonNode> data = new ArrayList<>();
        list.path("data").forEach(data::add);
        assertThat(data).allSatisfy(model -> {
            assertThat(model.path("type").asText()).isEqualTo("model");
            assertThat(model.path("display_name").asText()).isEqualTo(model.path("id").asText());
            assertThat(OffsetDateTime.parse(model.path("created_at").asText()).getOffset().getTotalSeconds()).isZero();
        });
        Comparator<JsonNode> newestFirst = Comparator.comparing(
                (JsonNode model) -> OffsetDateTime.parse(model.path("created_at").asText())).reversed()
                .thenComparing(model -> model.path("id").asText());
        assertThat(data).isSortedAccordingTo(newestFirst);
        assertThat(list.path("has_more").asBoolean()).isFalse();
        assertThat(list.path("first_id").asText()).isEqualTo(ids(list).getFirst());
        assertThat(list.path("last_id").asText()).isEqualTo(ids(list).getLast());
    }

    @Test
    void anthropic_pages_forward_with_after_id_and_back_with_before_id() {
        List<String> all = ids(get("/gateway/anthropic/v1/models", 200));

        List<String> walked = new ArrayList<>();
        List<Boolean> more = new ArrayList<>();
        String query = "?limit=2";
        while (true) {
            JsonNode page = get("/gateway/anthropic/v1/models" + query, 200);
            walked.addAll(ids(page));
            more.add(page.path("has_more").asBoolean());
            if (!page.path("has_more").asBoolean()) {
                break;
            }
            query = "?limit=2&after_id=" + page.path("last_id").asText();
        }
        assertThat(walked).isEqualTo(all);
        assertThat(more).containsExactly(true, true, false);

        JsonNode before = get("/gateway/anthropic/v1/models?limit=2&before_id=" + all.get(4), 200);
        assertThat(ids(before)).isEqualTo(all.subList(2, 4));
        assertThat(before.path("has_more").asBoolean()).isTrue();
        assertThat(before.path("first_id").asText()).isEqualTo(all.get(2));
        JsonNode first = get("/gateway/anthropic/v1/models?limit=5&before_id=" + all.get(1), 200);
        assertThat(ids(first)).isEqualTo(all.subList(0, 1));
        assertThat(first.path("has_more").asBoolean()).isFalse();

        JsonNode empty = get("/gateway/anthropic/v1/models?after_id=" + all.get(4), 200);
        assertThat(ids(empty)).isEmpty();
        assertThat(empty.path("first_id").isNull()).isTrue();
        assertThat(empty.path("last_id").isNull()).isTrue();
    }

    @Test
    void anthropic_gets_one_model_and_refuses_bad_pages_in_its_error_shape() {
        JsonNode one = get("/gateway/anthropic/v1/models/charlie", 200);
        assertThat(one.path("id").asText()).isEqualTo("charlie");
        assertThat(one.path("type").asText()).isEqualTo("model");

        for (String path : List.of("/gateway/anthropic/v1/models/nope")) {
            JsonNode error = get(path, 404);
            assertThat(error.path("type").asText()).isEqualTo("error");
            assertThat(error.at("/error/type").asText()).isEqualTo("not_found_error");
        }
        for (String query : List.of("limit=0", "limit=1001", "limit=ten", "after_id=nope",
                "after_id=alpha&before_id=bravo")) {
            JsonNode error = get("/gateway/anthropic/v1/models?" + query, 400);
            assertThat(error.at("/error/type").asText()).as(query).isEqualTo("invalid_request_error");
        }
    }

    @Test
    void gemini_lists_every_endpoint_by_name_with_the_methods_it_serves() {
        for (String version : List.of("v1beta", "v1")) {
            JsonNode list = get("/gateway/gemini/" + version + "/models", 200);

            List<String> names = new ArrayList<>();
            list.path("models").forEach(model -> names.add(model.path("name").asText()));
            assertThat(names).containsExactlyElementsOf(NAMES.stream().map(n -> "models/" + n).toList());
            JsonNode model = list.at("/models/0");
            assertThat(model.path("displayName").asText()).isEqualTo("alpha");
            List<String> methods = new ArrayList<>();
            model.path("supportedGenerationMethods").forEach(m -> methods.add(m.asText()));
            assertThat(methods).containsExactly("generateContent", "embedContent", "batchEmbedContents", "countTokens");
            assertThat(list.has("nextPageToken")).isFalse();
        }
    }

    @Test
    void gemini_pages_with_page_tokens_and_resumes_past_an_endpoint_deleted_in_between() {
        JsonNode first = get("/gateway/gemini/v1beta/models?pageSize=2", 200);
        assertThat(first.path("models")).hasSize(2);
        String token = first.path("nextPageToken").asText();
        assertThat(token).isNotEmpty();

        fixture.gateway().api("DELETE", "endpoints/delete", "{\"endpoint_id\": \"" + ids.getFirst() + "\"}");
        JsonNode second = get("/gateway/gemini/v1beta/models?pageSize=2&pageToken="
                + URLEncoder.encode(token, StandardCharsets.UTF_8), 200);
        List<String> names = new ArrayList<>();
        second.path("models").forEach(model -> names.add(model.path("name").asText()));
        assertThat(names).containsExactly("models/delta", "models/echo");
        assertThat(second.has("nextPageToken")).isFalse();

        assertThat(get("/gateway/gemini/v1beta/models?pageSize=0", 200).path("models")).hasSize(4);
        assertThat(get("/gateway/gemini/v1beta/models?pageSize=5000", 200).path("models")).hasSize(4);
    }

    @Test
    void gemini_gets_one_model_and_refuses_bad_pages_in_googles_error_shape() {
        JsonNode one = get("/gateway/gemini/v1/models/delta", 200);
        assertThat(one.path("name").asText()).isEqualTo("models/delta");

        JsonNode unknown = get("/gateway/gemini/v1beta/models/nope", 404);
        assertThat(unknown.at("/error/status").asText()).isEqualTo("NOT_FOUND");
        assertThat(unknown.at("/error/message").asText()).contains("models/nope");
        assertThat(get("/gateway/gemini/v1beta/models/delta:generateContent", 404).at("/error/code").asInt())
                .isEqualTo(404);

        for (String query : List.of("pageSize=-1", "pageSize=many", "pageToken=%25%25%25")) {
            JsonNode error = get("/gateway/gemini/v1beta/models?" + query, 400);
            assertThat(error.at("/error/status").asText()).as(query).isEqualTo("INVALID_ARGUMENT");
        }
    }
}
