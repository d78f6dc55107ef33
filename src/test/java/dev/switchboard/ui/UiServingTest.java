package dev.switchboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.switchboard.TestGateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built UI is served at / from the jar, and its shell renders in a real browser. */
class UiServingTest {

    @TempDir
    static Path dir;
    static UiFixture ui;
    static TestGateway gateway;

    @BeforeAll
    static void start() {
        ui = UiFixture.start(dir);
        gateway = ui.gateway();
    }

    @AfterAll
    static void stop() {
        ui.close();
    }

    @Test
    void indexAndAssetsAreServedWithCachePolicies() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> index = http.send(HttpRequest.newBuilder(gateway.uri("/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(index.headers().firstValue("cache-control")).hasValue("no-cache");
        var script = Pattern.compile("assets/(index-[A-Za-z0-9_-]+\\.js)").matcher(index.body());
        assertThat(script.find()).isTrue();
        HttpResponse<String> js = http.send(HttpRequest.newBuilder(gateway.uri("/assets/" + script.group(1))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
        assertThat(js.headers().firstValue("cache-control")).hasValue("public, max-age=31536000, immutable");
    }

    @Test
    void unknownAndTraversingAssetPathsAre404() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : new String[] {"/assets/nope.js", "/assets/..%2Fapplication.conf", "/assets/.hidden"}) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway.uri("") + path))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).contains("ENDPOINT_NOT_FOUND");
        }
    }

    @Test
    void shellRendersWithNavigation() {
        Page page = ui.open();
        page.navigate("/#/gateway");
        PlaywrightAssertions.assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.HEADING,
                new Page.GetByRoleOptions().setName("AI Gateway"))).isVisible();
        PlaywrightAssertions.assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.LINK,
                new Page.GetByRoleOptions().setName("API Keys"))).isVisible();
        page.context().close();
    }
}
