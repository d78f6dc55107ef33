package dev.switchboard.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import dev.switchboard.ui.Screens.Size;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The traffic split and fallback rows of the endpoint details page on a phone (390×844) and a laptop
 * (1440×900): on the laptop each row is one line of columns; on the phone each row is a card of one
 * column (provider, model, API key, percentage under each other, the row's buttons on top), every
 * control inside the window and at least 44 px tall, and the page never scrolls sideways. On the
 * phone the fallbacks still reorder by Move up / Move down and by dragging the handle. Screenshots:
 * {@code phone-traffic-split.png}, {@code desktop-traffic-split.png}, {@code phone-fallbacks.png},
 * {@code desktop-fallbacks.png}.
 */
class EditorRowsBrowserTest {

    private static final String KEY = "support-openai-production-eu-west-1";

    @TempDir
    static Path dir;
    static UiFixture ui;
    static String endpointId;

    Page page;

    @BeforeAll
    static void start() {
        ui = UiFixture.start(dir);
        String key = ui.secret(KEY, "openai", "sk-editor-rows-0001", "{}");
        String mini = ui.definition("rows-mini", key, "openai", "gpt-4o-mini");
        String full = ui.definition("rows-4o", key, "openai", "gpt-4o");
        String fbA = ui.definition("rows-fb-a", key, "openai", "gpt-4.1");
        String fbB = ui.definition("rows-fb-b", key, "openai", "gpt-4.1-mini");
        endpointId = ui.endpoint("customer-support-assistant-production", """
                [{"model_definition_id": "%s", "linkage_type": "PRIMARY", "weight": 60},
                 {"model_definition_id": "%s", "linkage_type": "PRIMARY", "weight": 40},
                 {"model_definition_id": "%s", "linkage_type": "FALLBACK", "fallback_order": 1},
                 {"model_definition_id": "%s", "linkage_type": "FALLBACK", "fallback_order": 2}]"""
                .formatted(mini, full, fbA, fbB));
    }

    @AfterAll
    static void stop() {
        ui.close();
    }

    @AfterEach
    void closePage() {
        if (page != null) {
            page.context().close();
        }
    }

    @ParameterizedTest(name = "at {0}")
    @EnumSource(Size.class)
    void trafficSplitRowsFitTheScreen(Size size) {
        openDetails(size);
        Locator section = section("Traffic split");
        assertThat(Forms.label(page, "Percentage for model 2")).hasValue("40");
        Geometry.assertNoSidewaysScroll(page, "the details page at " + size);
        Geometry.assertControlsInsideTheWidth(section, "the traffic split at " + size);

        for (int i = 1; i <= 2; i++) {
            String row = "model " + i;
            List<Locator> cells = List.of(Forms.label(page, "Provider for " + row), Forms.label(page, "Model for " + row),
                    Forms.label(page, "API key for " + row), Forms.label(page, "Percentage for " + row));
            Locator remove = Forms.button(page, "Remove " + row);
            if (size == Size.PHONE) {
                assertOneColumn(cells, row);
                assertThat(Geometry.box(remove).y).as("%s's Remove is on the card's top line", row)
                        .isLessThan(Geometry.box(cells.get(0)).y);
                Geometry.assertControlsTouchSized(page.getByRole(AriaRole.GROUP,
                        new Page.GetByRoleOptions().setName("Traffic split " + row)), row);
            } else {
                assertOneLine(cells, row);
            }
        }
        if (size == Size.PHONE) {
            // Each card says which model it is, as the column titles above the rows are gone.
            assertThat(section.getByText("Model 1", new Locator.GetByTextOptions().setExact(true))).isVisible();
            assertThat(section.locator(".details-cell-label").getByText("Percentage",
                    new Locator.GetByTextOptions().setExact(true)).first()).isVisible();
            Geometry.assertControlsTouchSized(section.locator(".details-section-footer"), "the Add model button");
        }
        Geometry.screenshot(section, size.suffix() + "-traffic-split");
    }

    @ParameterizedTest(name = "at {0}")
    @EnumSource(Size.class)
    void fallbackRowsFitTheScreen(Size size) {
        openDetails(size);
        Locator section = section("Fallbacks");
        assertThat(Forms.label(page, "Model for fallback 2")).hasValue("gpt-4.1-mini");
        Geometry.assertNoSidewaysScroll(page, "the details page at " + size);
        Geometry.assertControlsInsideTheWidth(section, "the fallbacks at " + size);
        for (int i = 1; i <= 2; i++) {
            String row = "fallback " + i;
            List<Locator> cells = List.of(Forms.label(page, "Provider for " + row), Forms.label(page, "Model for " + row),
                    Forms.label(page, "API key for " + row));
            if (size == Size.PHONE) {
                assertOneColumn(cells, row);
                for (String action : List.of("Move " + row + " up", "Move " + row + " down", "Remove " + row)) {
                    assertThat(Geometry.box(Forms.button(page, action)).y).as(action + " is on the card's top line")
                            .isLessThan(Geometry.box(cells.get(0)).y);
                }
                Geometry.assertControlsTouchSized(fallbackItems().nth(i - 1), row);
            } else {
                assertOneLine(cells, row);
            }
        }
        if (size == Size.PHONE) {
            Geometry.assertControlsTouchSized(section.locator(".details-section-footer"), "Add fallback model and Max attempts");
        }
        Geometry.screenshot(section, size.suffix() + "-fallbacks");
    }

    @Test
    void onAPhoneFallbacksStillMoveByButtonAndByDrag() {
        openDetails(Size.PHONE);
        Locator first = Forms.label(page, "Model for fallback 1");
        assertThat(first).hasValue("gpt-4.1");

        Forms.button(page, "Move fallback 2 up").click();
        assertThat(first).hasValue("gpt-4.1-mini");
        assertThat(Forms.label(page, "Model for fallback 2")).hasValue("gpt-4.1");
        assertThat(Forms.button(page, "Move fallback 1 down")).isFocused();

        // The handle of the second card dropped on the first puts it first again.
        Locator handle = fallbackItems().nth(1).locator(".details-drag-handle");
        assertThat(handle).isVisible();
        handle.dragTo(fallbackItems().nth(0));
        assertThat(first).hasValue("gpt-4.1");
        assertThat(Forms.label(page, "Model for fallback 2")).hasValue("gpt-4.1-mini");
        Geometry.assertNoSidewaysScroll(page, "the fallbacks after reordering");
    }

    private void openDetails(Size size) {
        page = ui.open(size.width, size.height);
        page.navigate("/#/gateway/endpoints/" + endpointId);
        // The keys' lists have loaded: each row's key is chosen.
        assertThat(Forms.label(page, "API key for fallback 2").locator("option:checked")).hasText(KEY);
        assertThat(Forms.label(page, "API key for model 1").locator("option:checked")).hasText(KEY);
    }

    private Locator section(String title) {
        return page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName(Pattern.compile("^" + title)));
    }

    private Locator fallbackItems() {
        return page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Fallback order"))
                .getByRole(AriaRole.LISTITEM);
    }

    /** Each control below the one before it, and about as wide as the card: a column of one. */
    private static void assertOneColumn(List<Locator> controls, String row) {
        BoundingBox previous = null;
        double widest = controls.stream().mapToDouble(c -> Geometry.box(c).width).max().orElseThrow();
        for (Locator control : controls) {
            BoundingBox box = Geometry.box(control);
            if (previous != null) {
                assertThat(box.y).as("%s: %s is below the control before it", row, control)
                        .isGreaterThanOrEqualTo(previous.y + previous.height);
            }
            assertThat(box.width).as("%s: %s fills the card's width", row, control).isGreaterThan(widest * 0.5);
            previous = box;
        }
    }

    /** The controls side by side, left to right, on the row's one line. */
    private static void assertOneLine(List<Locator> controls, String row) {
        BoundingBox previous = null;
        for (Locator control : controls) {
            BoundingBox box = Geometry.box(control);
            if (previous != null) {
                assertThat(box.y).as("%s: %s is on the same line", row, control).isCloseTo(previous.y,
                        org.assertj.core.data.Offset.offset(2.0));
                assertThat(box.x).as("%s: %s is right of the control before it", row, control)
                        .isGreaterThanOrEqualTo(previous.x + previous.width);
            }
            previous = box;
        }
    }
}
