package dev.switchboard.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import java.nio.file.Path;
import java.util.List;

/**
 * Where things land on the screen, as the phone-layout tests check it: the document never scrolls
 * sideways, a control lies inside the window's width, and a control meant for a finger is at least
 * {@link #TOUCH} pixels tall. Failures name the offending elements.
 */
final class Geometry {

    /** The smallest height of a control a finger has to hit (WCAG 2.5.5's 44 CSS pixels). */
    static final double TOUCH = 44;

    /**
     * Each visible input, select, textarea and button inside {@code scope} that reaches past the
     * window's edges, as "label-or-text: left..right" (empty when all fit).
     */
    private static final String OUTSIDE = """
            scope => [...scope.querySelectorAll('input, select, textarea, button')]
              .filter(e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
              .filter(e => { const r = e.getBoundingClientRect();
                             return r.left < -0.5 || r.right > document.documentElement.clientWidth + 0.5; })
              .map(e => (e.getAttribute('aria-label') || e.id || e.textContent.trim()) + ': '
                + Math.round(e.getBoundingClientRect().left) + '..' + Math.round(e.getBoundingClientRect().right))
            """;

    /** Each visible control inside {@code scope} shorter than the touch size, as "name: height". */
    private static final String TOO_SHORT = """
            (scope, min) => [...scope.querySelectorAll('input:not([type=radio]):not([type=checkbox]), select, button, [draggable=true]')]
              .filter(e => e.getClientRects().length > 0)
              .filter(e => e.getBoundingClientRect().height < min - 0.5)
              .map(e => (e.getAttribute('aria-label') || e.id || e.title || e.textContent.trim()) + ': '
                + Math.round(e.getBoundingClientRect().height))
            """;

    private Geometry() {
    }

    /** The document is no wider than the window; else the failure names the innermost elements that stick out. */
    static void assertNoSidewaysScroll(Page page, String what) {
        Number overflow = (Number) page.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        if (overflow.intValue() <= 0) {
            return;
        }
        Object culprits = page.evaluate("""
                () => {
                  const width = document.documentElement.clientWidth;
                  const wide = [...document.body.querySelectorAll('*')]
                    .filter(e => e.getBoundingClientRect().right > width + 0.5);
                  // Innermost first: a box inside a scrolling one is clipped, a loose one is the cause.
                  return wide.filter(e => !wide.some(other => other !== e && e.contains(other))).slice(0, 5)
                    .map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.') + ' right='
                      + Math.round(e.getBoundingClientRect().right));
                }""");
        assertThat(overflow.intValue()).as("the document scrolls sideways on %s; sticking out: %s", what, culprits)
                .isLessThanOrEqualTo(0);
    }

    /** Every control inside {@code scope} lies within the window's width. */
    static void assertControlsInsideTheWidth(Locator scope, String what) {
        assertThat((List<?>) scope.evaluate(OUTSIDE)).as("controls of %s outside the window's width", what).isEmpty();
    }

    /** Every control inside {@code scope} (buttons, fields, drag handles) is at least {@link #TOUCH} px tall. */
    static void assertControlsTouchSized(Locator scope, String what) {
        assertThat((List<?>) scope.evaluate(TOO_SHORT, TOUCH))
                .as("controls of %s shorter than %s px", what, TOUCH).isEmpty();
    }

    static BoundingBox box(Locator locator) {
        BoundingBox box = locator.boundingBox();
        assertThat(box).as("%s is rendered", locator).isNotNull();
        return box;
    }

    /** Saves a picture of one element as {@code <name>.png}, where {@link Browser#screenshot} puts its own. */
    static void screenshot(Locator element, String name) {
        Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
        element.screenshot(new Locator.ScreenshotOptions().setPath(dir.resolve(name + ".png")));
    }
}
