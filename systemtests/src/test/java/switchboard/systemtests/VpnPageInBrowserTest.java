package switchboard.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static switchboard.systemtests.RunningSwitchboard.ADMIN;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** An admin adds a laptop on the VPN page: the page shows its configuration once and lists it as a peer. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class VpnPageInBrowserTest {
    private static final String VPN_PAGE = "/system/console/switchboard-vpn";
    private static final Duration PAGE_WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    final Switchboards switchboards = new Switchboards();

    @Test
    void anAdminAddsALaptopAndGetsItsConfiguration() throws IOException {
        RunningSwitchboard switchboard = switchboards.start(switchboards.newHome());
        String page = "http://" + ADMIN + ":" + switchboard.initialAdminPassword() + "@127.0.0.1:" + switchboard.port() + VPN_PAGE;

        try (HeadlessChromium chromium = HeadlessChromium.open(switchboards.testDirectory().resolve("chromium-profile"))) {
            ChromeDriver browser = chromium.driver();
            browser.get(page);
            WebDriverWait wait = new WebDriverWait(browser, PAGE_WAIT);
            WebElement form = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("add-device")));
            assertTrue(browser.findElement(By.id("tunnel")).getText().matches("(?s).*Public key [A-Za-z0-9+/]{43}=.*"));
            chromium.screenshot("vpn-page");

            form.findElement(By.name("device")).sendKeys("anna-laptop");
            form.findElement(By.cssSelector("button[type=submit]")).click();
            String config = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("client-config"))).getText();

            assertTrue(config.matches("(?s)\\[Interface]\\s+PrivateKey = \\S{44}\\s+Address = 10\\.99\\.0\\.2/32\\s+\\[Peer].*"), config);
            chromium.screenshot("vpn-device-added");
            Poll.until(PAGE_WAIT, "the laptop in the peer list", () -> {
                browser.get(page);
                return browser.findElements(By.cssSelector("#peers tbody tr td")).stream().map(WebElement::getText).toList()
                        .contains("anna-laptop");
            });
            List<String> row = browser.findElements(By.cssSelector("#peers tbody tr td")).stream().map(WebElement::getText).toList();
            assertEquals(List.of("anna-laptop", "device", "-", "unknown", "-", "-", "10.99.0.2/32"), row, "dry run: no status from wg");
            assertTrue(browser.findElements(By.id("client-config")).isEmpty(), "the private key is shown only once");
        }
    }
}
