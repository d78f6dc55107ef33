package dev.switchboard.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * The controls of the endpoint forms (details and create), found and used as a user would: by
 * their role and accessible name, one fact per helper, shared by the browser tests of those forms.
 */
final class Forms {

    private Forms() {
    }

    static Locator button(Page page, String name) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    /** A control by its exact label ("Percentage for model 1"). */
    static Locator label(Page page, String text) {
        return page.getByLabel(text, new Page.GetByLabelOptions().setExact(true));
    }

    static Locator heading(Page page, String name) {
        return page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setExact(true));
    }

    static Locator dialog(Page page, String title) {
        return page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName(title));
    }

    /** The error summary at the top of a form ("Fix these 3 problems to ..."). */
    static Locator errorSummary(Page page) {
        return page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName(Pattern.compile("^Fix th")));
    }

    /** The error a control is described by (aria-describedby), as the page shows it at the control. */
    static Locator errorOf(Page page, Locator control) {
        assertThat(control).hasAttribute("aria-invalid", "true");
        assertThat(control).hasAttribute("aria-describedby", Pattern.compile("-error\\b"));
        String ids = control.getAttribute("aria-describedby");
        String errorId = Arrays.stream(ids.split("\\s+"))
                .filter(id -> id.endsWith("-error")).findFirst()
                .orElseThrow(() -> new AssertionError("no error in aria-describedby=" + ids));
        return page.locator("[id='" + errorId + "']");
    }

    /** Types into a provider combobox and picks the provider. */
    static void chooseProvider(Page page, Locator input, String search, String provider) {
        input.click();
        input.fill(search);
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName(provider).setExact(true)).click();
        assertThat(input).hasValue(provider);
    }

    /** Opens the model dialog from a model field, searches and picks the model (or uses the name as typed). */
    static void chooseModel(Page page, Locator input, String model) {
        input.click();
        Locator dialog = dialog(page, "Select a model");
        dialog.getByLabel("Search models").fill(model);
        Locator listed = dialog.getByRole(AriaRole.OPTION, new Locator.GetByRoleOptions().setName(model).setExact(true));
        Locator typed = dialog.getByRole(AriaRole.OPTION,
                new Locator.GetByRoleOptions().setName("Use \"" + model + "\" as the model name"));
        listed.or(typed).first().click();
        assertThat(dialog).isHidden();
        assertThat(input).hasValue(model);
    }
}
