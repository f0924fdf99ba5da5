package org.portico.web.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Starts Debian's Chromium through Debian's chromedriver, never through Selenium Manager (no downloads here).
 * Without a browser the test fails under CI (CI=true) and is skipped, with the reason, on a developer's machine.
 */
final class Browser {

    private Browser() {
    }

    /** The language list of every browser unless a test asks for another: English, whatever the machine's locale. */
    static final String ENGLISH = "en-US,en";

    static ChromeDriver start() {
        return start(ENGLISH);
    }

    /**
     * A browser whose user speaks these languages: Chromium's {@code --lang} (its own language) and its
     * {@code intl.accept_languages} preference (the {@code Accept-Language} it sends), e.g. {@code "de-DE,de"}.
     */
    static ChromeDriver start(String acceptLanguages) {
        Path chromium = Path.of(System.getProperty("portico.it.chromium", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getProperty("portico.it.chromedriver", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
            String reason = "Browser tests need " + chromium + " and " + chromedriver
                    + " (apt-get install chromium chromium-driver)";
            ItSupport.missing(reason);
        }
        try {
            Path profile = Files.createTempDirectory("portico-chromium-");
            profile.toFile().deleteOnExit();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--no-first-run", "--disable-quic", "--window-size=1280,900", "--user-data-dir=" + profile,
                    "--lang=" + acceptLanguages.split(",")[0]);
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguages));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(chromedriver.toString()))
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            return driver;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Could not create a Chromium profile directory", e);
        }
    }
}
