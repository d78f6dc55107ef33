package dev.switchboard.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import dev.switchboard.testing.FakeUpstream;
import dev.switchboard.testing.OpenAiBodies;
import dev.switchboard.testing.Reply;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoint details page (#/gateway/endpoints/<id>) in a real browser against a real gateway:
 * edits made there (traffic split, fallbacks and their order, the name) are checked where they
 * matter, in the stored endpoint and in the next calls to the gateway. Upstream A answers "from A",
 * B answers "from B", and C always fails with a 500.
 */
class EndpointDetailsBrowserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static UiFixture ui;
    static FakeUpstream upstreamA;
    static FakeUpstream upstreamB;
    static FakeUpstream failing;

    Page page;

    @BeforeAll
    static void start() {
        ui = UiFixture.start(dir);
        upstreamA = ui.upstream(Reply.json(OpenAiBodies.chatCompletion("gpt-4o-mini", "from A", 10, 5)));
        upstreamB = ui.upstream(Reply.json(OpenAiBodies.chatCompletion("gpt-4o", "from B", 12, 7)));
        failing = ui.upstream(Reply.json(500, OpenAiBodies.error("upstream exploded", "server_error", "boom")));
    }

    @AfterAll
    static void stop() {
        ui.close();
    }

    @BeforeEach
    void openPage() {
        page = ui.open();
    }

    @AfterEach
    void closePage() {
        page.context().close();
    }

    @Test
    void editingTheTrafficSplitChangesWhereTheNextCallsGo() {
        String keyA = secret("split-key-a", upstreamA);
        secret("split-key-b", upstreamB);
        String defA = definition("split-def-a", keyA, "gpt-4o-mini");
        String id = ui.endpoint("split-edit", UiFixture.primary(defA));
        assertThat(ui.invoke("split-edit").body()).contains("from A");

        page.navigate("/#/gateway/endpoints/" + id);
        assertThat(heading("split-edit")).isVisible();
        Locator targets = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Current targets"));
        assertThat(targets).containsText("OpenAI");
        assertThat(targets).containsText("gpt-4o-mini");
        assertThat(targets).containsText("split-key-a");
        assertThat(targets).containsText("100% of traffic");
        assertThat(label("Percentage for model 1")).hasValue("100");
        assertThat(button("Remove model 1")).isDisabled();
        assertThat(button("Save changes")).isDisabled();
        assertThat(page.getByText("Total: 100%", new Page.GetByTextOptions().setExact(true))).isVisible();
        Browser.screenshot(page, "endpoint-details");

        button("Add model").click();
        assertThat(label("Percentage for model 2")).hasValue("50");
        chooseProvider("Provider for model 2", "OpenAI");
        chooseModel("Model for model 2", "gpt-4o");
        label("API key for model 2").selectOption(new SelectOption().setLabel("split-key-b"));
        label("Percentage for model 1").fill("60");
        Locator total = page.getByText(Pattern.compile("^Total: \\d+%"));
        assertThat(total).hasText("Total: 110% (must equal 100%)");
        assertThat(total).hasClass(Pattern.compile("details-total-bad"));
        assertThat(button("Save changes")).isDisabled();
        Browser.screenshot(page, "endpoint-edit-split");

        label("Percentage for model 1").fill("30");
        label("Percentage for model 2").fill("70");
        assertThat(total).hasText("Total: 100%");
        assertThat(total).hasClass(Pattern.compile("details-total-ok"));
        button("Save changes").click();
        assertThat(page.getByText("Saved — changes are live")).isVisible();
        JsonNode stored = ui.getEndpoint(id);
        List<JsonNode> primaries = mappings(stored, "PRIMARY");
        assertThat(primaries).hasSize(2);
        JsonNode onA = byKey(primaries, "split-key-a");
        JsonNode onB = byKey(primaries, "split-key-b");
        assertThat(onA.at("/weight").asDouble()).isEqualTo(30.0);
        assertThat(onA.at("/model_definition_id").asText()).as("the stored definition is reused").isEqualTo(defA);
        assertThat(onB.at("/weight").asDouble()).isEqualTo(70.0);
        assertThat(onB.at("/model_definition/model_name").asText()).isEqualTo("gpt-4o");
        assertThat(onB.at("/model_definition/provider").asText()).isEqualTo("openai");
        // The rows keep the order they were edited in.
        assertThat(label("Model for model 2")).hasValue("gpt-4o");
        assertThat(label("Percentage for model 2")).hasValue("70");
        assertThat(targets).containsText("70% of traffic");

        // Discard brings back what is stored.
        label("Percentage for model 1").fill("45");
        assertThat(button("Save changes")).isDisabled();
        button("Discard changes").click();
        assertThat(label("Percentage for model 1")).hasValue("30");

        // B alone: every call now goes to B.
        button("Remove model 1").click();
        label("Percentage for model 1").fill("100");
        button("Save changes").click();
        assertThat(page.getByText("Saved — changes are live")).isVisible();
        primaries = mappings(ui.getEndpoint(id), "PRIMARY");
        assertThat(primaries).hasSize(1);
        assertThat(primaries.get(0).at("/model_definition_id").asText()).isEqualTo(onB.at("/model_definition_id").asText());
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> call = ui.invoke("split-edit");
            assertThat(call.statusCode()).isEqualTo(200);
            assertThat(call.body()).contains("from B");
            assertThat(call.headers().firstValue("x-switchboard-target")).hasValue("openai/gpt-4o");
        }
    }

    @Test
    void fallbacksAreAddedAndReorderedByKeyboardAndDrag() {
        String keyC = secret("fb-key-c", failing);
        secret("fb-key-b", upstreamB);
        String id = ui.endpoint("fb-edit", UiFixture.primary(definition("fb-def-c", keyC, "gpt-4o-mini")));
        assertThat(ui.invoke("fb-edit").statusCode()).isGreaterThanOrEqualTo(500);

        page.navigate("/#/gateway/endpoints/" + id);
        assertThat(page.getByText("No fallback models.")).isVisible();
        button("Add fallback model").click();
        chooseProvider("Provider for fallback 1", "OpenAI");
        chooseModel("Model for fallback 1", "gpt-4o");
        label("API key for fallback 1").selectOption(new SelectOption().setLabel("fb-key-b"));
        assertThat(label("Max attempts")).hasValue("1");
        button("Save changes").click();
        assertThat(page.getByText("Saved — changes are live")).isVisible();

        HttpResponse<String> call = ui.invoke("fb-edit");
        assertThat(call.statusCode()).isEqualTo(200);
        assertThat(call.body()).contains("from B");
        assertThat(call.headers().firstValue("x-switchboard-attempts")).hasValue("2");
        assertThat(call.headers().firstValue("x-switchboard-target")).hasValue("openai/gpt-4o");

        // A second fallback on A, with a new API key typed in the dialog. The dialog opens before the
        // provider's credential fields have loaded (held back here): focus goes to the first one once they do.
        button("Add fallback model").click();
        chooseProvider("Provider for fallback 2", "OpenAI");
        chooseModel("Model for fallback 2", "gpt-4o-mini");
        List<Route> held = new ArrayList<>();
        page.route(url -> url.contains("/provider-config"), held::add);
        button("New key for fallback 2").click();
        Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("New API key for OpenAI"));
        assertThat(dialog.getByText("Loading credential fields…")).isVisible();
        page.waitForCondition(() -> !held.isEmpty());
        page.unrouteAll();
        held.forEach(Route::resume);
        assertThat(dialog.getByLabel("API key name")).isFocused();
        dialog.getByLabel("API key name").fill("fb-key-a-new");
        dialog.getByLabel(Pattern.compile("^API Key\\W*$")).fill("sk-test-fallback-a");
        dialog.getByLabel("API Base URL").fill(upstreamA.baseUrl() + "/v1");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Use this key")).click();
        assertThat(dialog).isHidden();
        assertThat(label("API key for fallback 2").locator("option:checked")).hasText("New: fb-key-a-new");
        assertThat(label("Max attempts")).hasValue("2");
        Browser.screenshot(page, "endpoint-fallbacks");
        button("Save changes").click();
        assertThat(page.getByText("Saved — changes are live")).isVisible();

        JsonNode stored = ui.getEndpoint(id);
        assertThat(fallbackKeys(stored)).containsExactly("fb-key-b", "fb-key-a-new");
        assertThat(stored.at("/fallback_config/max_attempts").asInt()).isEqualTo(2);
        assertThat(ui.api("GET", "secrets/list?provider=openai").body()).contains("fb-key-a-new");

        // Keyboard: move A up; focus stays on the moved row.
        button("Move fallback 2 up").focus();
        page.keyboard().press("Enter");
        assertThat(label("Model for fallback 1")).hasValue("gpt-4o-mini");
        assertThat(button("Move fallback 1 down")).isFocused();
        button("Save changes").click();
        assertThat(page.getByText("Saved — changes are live")).isVisible();
        assertThat(fallbackKeys(ui.getEndpoint(id))).containsExactly("fb-key-a-new", "fb-key-b");
        call = ui.invoke("fb-edit");
        assertThat(call.body()).contains("from A");
        assertThat(call.headers().firstValue("x-switchboard-attempts")).hasValue("2");

        // Drag: B's handle onto the first row puts B first again.
        Locator items = page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Fallback order"))
                .getByRole(AriaRole.LISTITEM);
        items.nth(1).locator(".details-drag-handle").dragTo(items.nth(0));
        assertThat(label("Model for fallback 1")).hasValue("gpt-4o");
        button("Save changes").click();
        assertThat(page.getByText("Saved — changes are live")).isVisible();
        assertThat(fallbackKeys(ui.getEndpoint(id))).containsExactly("fb-key-b", "fb-key-a-new");
        assertThat(ui.invoke("fb-edit").body()).contains("from B");

        // Removing a fallback lowers max attempts with it.
        button("Remove fallback 2").click();
        assertThat(label("Max attempts")).hasValue("1");
        button("Save changes").click();
        assertThat(page.getByText("Saved — changes are live")).isVisible();
        assertThat(fallbackKeys(ui.getEndpoint(id))).containsExactly("fb-key-b");
    }

    @Test
    void renamingChecksTheNameWhileTypingAndChangesTheInvocationPath() {
        String keyA = secret("rename-key-a", upstreamA);
        String defA = definition("rename-def-a", keyA, "gpt-4o-mini");
        String id = ui.endpoint("rename-me", UiFixture.primary(defA));
        ui.endpoint("taken-name", UiFixture.primary(defA));

        page.navigate("/#/gateway/endpoints/" + id);
        assertThat(heading("rename-me")).isVisible();
        button("Rename").click();
        Locator name = label("Endpoint name");
        name.fill("bad name!");
        assertThat(page.getByText("Use only letters, digits, '.', '_' and '-'")).isVisible();
        assertThat(name).hasAttribute("aria-invalid", "true");
        assertThat(button("Save name")).isDisabled();

        // Taken, as on the Create endpoint page: said while typing, before any save.
        name.fill("taken-name");
        assertThat(page.locator("#details-name-hint")).hasText("An endpoint named \"taken-name\" already exists");
        assertThat(name).hasAttribute("aria-invalid", "true");
        assertThat(button("Save name")).isDisabled();

        // Taken after the form opened: the server says so, the check learns it, and both go once fixed.
        ui.endpoint("taken-later", UiFixture.primary(defA));
        name.fill("taken-later");
        button("Save name").click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("already exists");
        assertThat(page.locator("#details-name-hint")).hasText("An endpoint named \"taken-later\" already exists");
        assertThat(name).hasValue("taken-later");

        name.fill("renamed-endpoint");
        assertThat(page.getByRole(AriaRole.ALERT)).isHidden();
        assertThat(name).not().hasAttribute("aria-invalid", "true");
        assertThat(page.getByText("/gateway/renamed-endpoint/…")).isVisible();
        name.press("Enter");
        assertThat(heading("renamed-endpoint")).isVisible();
        assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText("Renamed")))
                .containsText("/gateway/renamed-endpoint/");

        assertThat(ui.getEndpoint(id).at("/name").asText()).isEqualTo("renamed-endpoint");
        assertThat(ui.invoke("rename-me").statusCode()).isEqualTo(404);
        HttpResponse<String> call = ui.invoke("renamed-endpoint");
        assertThat(call.statusCode()).isEqualTo(200);
        assertThat(call.body()).contains("from A");
    }

    @Test
    void tryItSendsAMessageAndShowsTheAnswerTargetAndLatency() throws Exception {
        String keyA = secret("try-key-a", upstreamA);
        String id = ui.endpoint("try-me", UiFixture.primary(definition("try-def-a", keyA, "gpt-4o-mini")));

        page.navigate("/#/gateway/endpoints/" + id);
        Locator tryIt = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Try it"));
        Locator message = tryIt.getByLabel("Message");
        assertThat(message).hasValue("Hello! What can you do?");
        message.fill("Say hello from the details page");
        tryIt.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send")).click();
        assertThat(tryIt.getByTestId("try-it-answer")).hasText("from A");
        Locator meta = tryIt.locator("dl");
        assertThat(meta).containsText("openai/gpt-4o-mini");
        assertThat(meta).containsText(Pattern.compile("Latency\\s*\\d+ ms"));
        assertThat(meta).containsText("10 in · 5 out");
        assertThat(meta).containsText(Pattern.compile("Attempts\\s*1"));
        assertThat(upstreamA.received()).anySatisfy(request ->
                assertThat(request.bodyJson().at("/messages/0/content").asText())
                        .isEqualTo("Say hello from the details page"));
        Browser.screenshot(page, "endpoint-try-it");

        // An endpoint whose only target fails: the gateway's {"detail"} message is shown, with the
        // URL called and the target that failed.
        String keyC = secret("try-key-c", failing);
        String failingId = ui.endpoint("try-fails", UiFixture.primary(definition("try-def-c", keyC, "gpt-4o-mini")));
        String detail = JSON.readTree(ui.invoke("try-fails").body()).path("detail").asText();
        assertThat(detail).isNotBlank();
        page.navigate("/#/gateway/endpoints/" + failingId);
        assertThat(heading("try-fails")).isVisible();
        tryIt.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Send")).click();
        Locator error = tryIt.getByRole(AriaRole.ALERT);
        assertThat(error).containsText(detail);
        assertThat(error).containsText("POST " + ui.gateway().uri("/gateway/try-fails/mlflow/invocations"));
        assertThat(error).containsText(Pattern.compile("Failed target\\s*openai/gpt-4o-mini"));
    }

    @Test
    void anOrphanedTargetIsFlaggedAndCanBeGivenAKey() {
        String doomed = secret("orphan-key-gone", upstreamA);
        secret("orphan-key-b", upstreamB);
        String id = ui.endpoint("orphaned", UiFixture.primary(definition("orphan-def", doomed, "gpt-4o-mini")));
        assertThat(ui.api("DELETE", "secrets/delete", "{\"secret_id\": \"" + doomed + "\"}").status())
                .isEqualTo(200);

        page.navigate("/#/gateway/endpoints/" + id);
        Locator targets = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Current targets"));
        assertThat(targets).containsText("No API key (orphaned)");
        assertThat(label("API key for model 1").locator("option:checked")).hasText("No API key (orphaned)");
        label("API key for model 1").selectOption(new SelectOption().setLabel("orphan-key-b"));
        button("Save changes").click();
        assertThat(page.getByText("Saved — changes are live")).isVisible();
        assertThat(targets).not().containsText("orphaned");

        JsonNode primary = mappings(ui.getEndpoint(id), "PRIMARY").get(0);
        assertThat(primary.at("/model_definition/secret_name").asText()).isEqualTo("orphan-key-b");
        assertThat(primary.at("/model_definition/model_name").asText()).isEqualTo("gpt-4o-mini");
        assertThat(ui.invoke("orphaned").body()).contains("from B");
    }

    @Test
    void anUnknownEndpointSaysNotFound() {
        page.navigate("/#/gateway/endpoints/e-00000000000000000000000000000000");
        assertThat(heading("Endpoint not found")).isVisible();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Back to endpoints")).click();
        assertThat(page).hasURL(Pattern.compile("#/gateway$"));
    }

    // ---- Browser helpers ----

    private Locator heading(String name) {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    private Locator button(String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name));
    }

    private Locator label(String text) {
        return page.getByLabel(text, new Page.GetByLabelOptions().setExact(true));
    }

    /** Types into the provider combobox and picks the option. */
    private void chooseProvider(String label, String provider) {
        Locator input = label(label);
        input.click();
        input.fill(provider);
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName(provider).setExact(true)).click();
        assertThat(input).hasValue(provider);
    }

    /** Opens the model dialog from the model field, searches and picks the model. */
    private void chooseModel(String label, String model) {
        label(label).click();
        Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Select a model"));
        dialog.getByLabel("Search models").fill(model);
        dialog.getByRole(AriaRole.OPTION, new Locator.GetByRoleOptions().setName(model).setExact(true)).click();
        assertThat(dialog).isHidden();
        assertThat(label(label)).hasValue(model);
    }

    // ---- Management API and invocation helpers ----

    /** An OpenAI key whose calls go to {@code upstream}; its id. */
    private static String secret(String name, FakeUpstream upstream) {
        return ui.openAiKey(name, "sk-test-" + name, upstream);
    }

    private static String definition(String name, String secretId, String model) {
        return ui.definition(name, secretId, "openai", model);
    }

    private static List<JsonNode> mappings(JsonNode endpoint, String linkage) {
        List<JsonNode> found = new ArrayList<>();
        endpoint.path("model_mappings").forEach(m -> {
            if (linkage.equals(m.path("linkage_type").asText())) {
                found.add(m);
            }
        });
        return found;
    }

    private static JsonNode byKey(List<JsonNode> mappings, String secretName) {
        return mappings.stream().filter(m -> secretName.equals(m.at("/model_definition/secret_name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no mapping with key " + secretName + ": " + mappings));
    }

    /** The fallbacks' key names in fallback_order. */
    private static List<String> fallbackKeys(JsonNode endpoint) {
        return mappings(endpoint, "FALLBACK").stream()
                .sorted(Comparator.comparingInt(m -> m.path("fallback_order").asInt()))
                .map(m -> m.at("/model_definition/secret_name").asText())
                .toList();
    }
}
