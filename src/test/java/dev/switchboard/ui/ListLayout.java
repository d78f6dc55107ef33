package dev.switchboard.ui;

import com.microsoft.playwright.Page;
import java.util.List;

/**
 * What the list pages' browser tests check at phone width: the list's own parts (toolbar, the table's
 * box, pager) stay on screen, and a table wider than the screen scrolls inside its box. The frame
 * around a page (navigation, header) is the layout's to fit, and its own tests check it.
 */
final class ListLayout {

    /** Each part of the list reaching past the viewport's right edge, as "tag.class" (the table inside its box may). */
    private static final String PARTS_PAST_THE_EDGE = """
            () => [...document.querySelectorAll('.list-toolbar, .list-toolbar *, .list-scroll, .list-pager, .list-pager *')]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
                .map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).trim().split(/\\s+/).join('.') : ''))
            """;

    private ListLayout() {
    }

    static List<?> partsPastTheEdge(Page page) {
        return (List<?>) page.evaluate(PARTS_PAST_THE_EDGE);
    }

    /** Whether the table's box is narrower than the table, so that it scrolls sideways on its own. */
    static boolean tableScrollsInItsBox(Page page) {
        return (Boolean) page.evaluate(
                "() => { const box = document.querySelector('.list-scroll'); return box.scrollWidth > box.clientWidth; }");
    }
}
