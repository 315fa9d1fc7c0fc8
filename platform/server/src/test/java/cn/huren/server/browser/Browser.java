package cn.huren.server.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Real headless Chromium (Debian's chromium + chromium-driver) driven by Selenium. Without them
 * the browser tests are skipped on a developer machine but fail in CI, where .ci/run installs them.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    private final int port;
    private final Path profile;

    private Browser(ChromeDriver driver, int port, Path profile) {
        this.driver = driver;
        this.port = port;
        this.profile = profile;
    }

    static Browser open(int port) {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && System.getenv("CI") == null) {
            Assumptions.abort("Chromium is not installed (apt-get install chromium chromium-driver); browser tests skipped");
        }
        try {
            Path profile = Files.createTempDirectory("huren-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--window-size=1280,900", "--lang=zh-CN", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new Browser(driver, port, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** http://{host}:{port}{path}; Chromium resolves *.localhost to the loopback address itself. */
    void go(String host, String path) {
        driver.get("http://" + host + ":" + port + path);
    }

    WebElement find(String css) {
        return new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    void type(String css, String text) {
        WebElement input = find(css);
        input.clear();
        input.sendKeys(text);
    }

    /** Clicks something that loads a new page (a submit button, a link) and waits until the old page is gone. */
    void submit(String css) {
        WebElement page = driver.findElement(By.tagName("html"));
        find(css).click();
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> gone(page));
    }

    /**
     * ExpectedConditions.stalenessOf, plus the form chromedriver sometimes reports mid-navigation
     * instead of a stale reference: "unknown error: Node with given id does not belong to the document".
     */
    private static boolean gone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("does not belong to the document") || message.contains("No node with given id")) {
                return true;
            }
            throw e;
        }
    }

    /** Sets a field's value as a picker would (date inputs take typed keys by locale-dependent segments). */
    void setValue(String css, String value) {
        driver.executeScript("arguments[0].value = arguments[1];", find(css), value);
    }

    void click(String css) {
        find(css).click();
    }

    /** Waits until the element's text contains the expected part (pages that update themselves). */
    String waitForText(String css, String part) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), part));
        return text(css);
    }

    void waitForPath(String pathEnd) {
        try {
            new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> java.net.URI.create(d.getCurrentUrl()).getPath().endsWith(pathEnd));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("expected a page at …" + pathEnd + " but stayed at " + driver.getCurrentUrl() + " showing:\n"
                    + driver.findElement(By.tagName("body")).getText(), e);
        }
    }

    String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    String text(String css) {
        return find(css).getText();
    }

    String css(String selector, String property) {
        return find(selector).getCssValue(property);
    }

    /** The viewport's size, e.g. a phone's 390×844 or back to the desktop's 1280×900. */
    void resize(int width, int height) {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
    }

    /** Whether the page fits the viewport's width: a phone page never scrolls sideways. */
    boolean fitsWidth() {
        Object fits = driver.executeScript("return document.documentElement.scrollWidth <= window.innerWidth;");
        return Boolean.TRUE.equals(fits);
    }

    void signInToConsole(String password) {
        go("localhost", "/console/login");
        type("#username", "admin");
        type("#password", password);
        click("#sign-in");
        find("#tenants");
    }

    /** Saves what the user sees, for a person to look at: target/screenshots/{name}.png */
    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp profile left behind is harmless
        }
    }
}
