package org.portico.web.it;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

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

    static ChromeDriver start() {
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
                    "--no-first-run", "--disable-quic", "--window-size=1280,900", "--user-data-dir=" + profile);
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
