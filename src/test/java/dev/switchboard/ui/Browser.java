package dev.switchboard.ui;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.switchboard.TestGateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The system Chromium, headless, driven by Playwright for Java: one per test class. Playwright never
 * downloads a browser here; the Chromium comes from Debian's {@code chromium} package (installed by
 * {@code .ci/run}) or from {@code SWITCHBOARD_CHROMIUM}.
 *
 * <p>Screenshots go to {@code target/screenshots/}; run with {@code -Dscreenshots.dir=docs/screenshots}
 * to refresh the ones the README shows.
 */
public final class Browser implements AutoCloseable {

    private static final List<String> CHROMIUM_ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage");

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser chromium;

    private Browser(Playwright playwright, com.microsoft.playwright.Browser chromium) {
        this.playwright = playwright;
        this.chromium = chromium;
    }

    public static Browser launch() {
        Path executable = Path.of(System.getenv().getOrDefault("SWITCHBOARD_CHROMIUM", "/usr/bin/chromium"));
        if (!Files.isExecutable(executable)) {
            throw new IllegalStateException("Browser tests need Chromium at " + executable
                    + ": install Debian's chromium package (.ci/run does) or set SWITCHBOARD_CHROMIUM");
        }
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            return new Browser(playwright, playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(executable)
                    .setHeadless(true)
                    .setArgs(CHROMIUM_ARGS)));
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /** A fresh page (own cookies and storage) at 1280×800, its base URL the gateway's root. */
    public Page open(TestGateway gateway) {
        return open(gateway, 1280, 800);
    }

    public Page open(TestGateway gateway, int width, int height) {
        BrowserContext context = chromium.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setBaseURL(gateway.uri("/").toString())
                .setViewportSize(width, height)
                .setLocale("en-US")
                .setTimezoneId("UTC"));
        context.setDefaultTimeout(10_000);
        return context.newPage();
    }

    /**
     * Saves a screenshot as {@code <name>.png}: the whole page, or just the viewport while a dialog
     * is open (its backdrop covers the viewport only).
     */
    public static void screenshot(Page page, String name) {
        Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
        boolean dialogOpen = page.locator("[role=dialog]").count() > 0;
        page.screenshot(new Page.ScreenshotOptions().setPath(dir.resolve(name + ".png")).setFullPage(!dialogOpen));
    }

    @Override
    public void close() {
        chromium.close();
        playwright.close();
    }
}
