package dev.switchboard.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.Recorded;
import dev.switchboard.testing.Reply;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link CatalogSource}: a file, a URL served by a real local HTTP server, and the disk cache. */
class ModelCatalogSourceTest {

    private static final String CATALOG = new String(CatalogLoaderTest.fixture("litellm-small.json"), StandardCharsets.UTF_8);
    private static final String OTHER_CATALOG = """
            {"mistral/mistral-tiny-test": {"litellm_provider": "mistral", "mode": "chat",
             "input_cost_per_token": 1e-07, "output_cost_per_token": 2e-07}}
            """;

    @TempDir
    Path dir;
    FakeUpstream upstream;

    @BeforeEach
    void start() {
        upstream = FakeUpstream.start();
    }

    @AfterEach
    void stop() {
        upstream.close();
    }

    private URI catalogUrl() {
        return URI.create(upstream.baseUrl() + "/BerriAI/litellm/main/model_prices_and_context_window.json");
    }

    @Test
    void reads_a_catalog_file() throws IOException {
        Path file = dir.resolve("models.json");
        Files.writeString(file, CATALOG);

        CatalogSource.Loaded loaded = CatalogSource.file(file).load();

        assertThat(loaded.models()).hasSize(11);
        assertThat(loaded.malformed()).hasSize(7);
        assertThat(loaded.origin()).isEqualTo(file.toString());
    }

    @Test
    void fetches_a_url_with_a_get_and_caches_what_it_got() throws IOException {
        upstream.enqueue(Reply.json(CATALOG));
        Path cache = dir.resolve("cache/litellm.json");

        CatalogSource.Loaded loaded = CatalogSource.url(catalogUrl(), cache).load();

        assertThat(loaded.models()).hasSize(11);
        assertThat(loaded.origin()).isEqualTo(catalogUrl().toString());
        Recorded request = upstream.takeRequest();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/BerriAI/litellm/main/model_prices_and_context_window.json");
        assertThat(Files.readString(cache)).isEqualTo(CATALOG);
    }

    @Test
    void a_restart_without_network_uses_the_cached_copy() {
        Path cache = dir.resolve("litellm.json");
        upstream.enqueue(Reply.json(CATALOG));
        CatalogSource.url(catalogUrl(), cache).load();
        URI unreachable = URI.create("http://127.0.0.1:" + FakeUpstream.refusedPort() + "/catalog.json");

        CatalogSource.Loaded loaded = CatalogSource.url(unreachable, cache).loadAtStartup();

        assertThat(loaded.models()).hasSize(11);
        assertThat(loaded.origin()).contains("cache").contains(cache.toString());
    }

    @Test
    void an_unreachable_url_without_a_cache_is_an_error_naming_the_url() {
        URI unreachable = URI.create("http://127.0.0.1:" + FakeUpstream.refusedPort() + "/catalog.json");
        CatalogSource source = CatalogSource.url(unreachable, dir.resolve("never-written.json"));

        assertThatThrownBy(source::loadAtStartup).isInstanceOf(CatalogSourceException.class)
                .hasMessageContaining("Could not fetch the model catalog from " + unreachable);
        assertThat(dir.resolve("never-written.json")).doesNotExist();
    }

    @Test
    void an_error_status_is_an_error_and_leaves_the_cache_alone() throws IOException {
        Path cache = dir.resolve("litellm.json");
        Files.writeString(cache, CATALOG);
        upstream.enqueue(Reply.json(404, "{\"message\": \"Not Found\"}"));

        assertThatThrownBy(() -> CatalogSource.url(catalogUrl(), cache).load())
                .isInstanceOf(CatalogSourceException.class).hasMessageContaining("HTTP 404");
        assertThat(Files.readString(cache)).isEqualTo(CATALOG);
    }

    @Test
    void a_malformed_download_is_an_error_and_does_not_replace_a_good_cache() throws IOException {
        Path cache = dir.resolve("litellm.json");
        Files.writeString(cache, CATALOG);
        upstream.enqueue(Reply.json("[1, 2, 3]"));
        CatalogSource source = CatalogSource.url(catalogUrl(), cache);

        assertThatThrownBy(source::load).isInstanceOf(CatalogSourceException.class)
                .hasMessageContaining("must be a JSON object");
        assertThat(Files.readString(cache)).isEqualTo(CATALOG);
    }

    @Test
    void a_new_download_replaces_the_cache() throws IOException {
        Path cache = dir.resolve("litellm.json");
        Files.writeString(cache, CATALOG);
        upstream.enqueue(Reply.json(OTHER_CATALOG));

        CatalogSource.Loaded loaded = CatalogSource.url(catalogUrl(), cache).load();

        assertThat(loaded.models()).extracting(ModelInfo::model).containsExactly("mistral-tiny-test");
        assertThat(Files.readString(cache)).isEqualTo(OTHER_CATALOG);
    }

    @Test
    void a_server_that_never_answers_times_out() {
        upstream.enqueue(Reply.hang());
        CatalogSource source = CatalogSource.url(catalogUrl(), dir.resolve("c.json"), Duration.ofMillis(300));

        assertThatThrownBy(source::load).isInstanceOf(CatalogSourceException.class)
                .hasMessageContaining("took longer than 300 ms");
    }

    @Test
    void an_on_demand_reload_of_an_unreachable_url_keeps_the_catalog_loaded_at_start() {
        Path cache = dir.resolve("litellm.json");
        upstream.enqueue(Reply.json(CATALOG));
        ModelCatalog catalog = ModelCatalog.withSource(CatalogSource.url(catalogUrl(), cache));
        assertThat(catalog.start()).isPresent();
        int loaded = catalog.models().size();
        upstream.setDefault(Reply.closeConnection()); // every attempt, as the client retries a dropped GET once

        assertThatThrownBy(catalog::reload).isInstanceOf(CatalogSourceException.class)
                .hasMessageContaining("Could not fetch the model catalog");

        assertThat(catalog.models()).hasSize(loaded);
        assertThat(catalog.find("fireworks_ai", "fireworks-ai-up-to-4b")).isPresent();
    }

    @Test
    void describes_a_url_without_its_credentials_or_query() {
        CatalogSource source = CatalogSource.url(URI.create("https://user:pw@example.com/c.json?token=abc"),
                dir.resolve("c.json"));

        assertThat(source.description()).isEqualTo("https://example.com/c.json");
        assertThat(CatalogSource.LITELLM_URL)
                .isEqualTo("https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json");
    }

    @Test
    void refuses_urls_that_are_not_http() {
        assertThatThrownBy(() -> CatalogSource.url(URI.create("file:///etc/passwd"), dir.resolve("c.json")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http");
    }
}
