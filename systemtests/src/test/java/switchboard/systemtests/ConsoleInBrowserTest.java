package switchboard.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static switchboard.systemtests.ConsoleHttp.STATUS_PAGE;
import static switchboard.systemtests.RunningSwitchboard.ADMIN;

import java.io.IOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The admin's first visit: log in with the generated password, read the status page, choose an own password. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConsoleInBrowserTest {
    private static final Duration PAGE_WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    final Switchboards switchboards = new Switchboards();

    @Test
    void adminLogsInReadsTheStatusPageAndChangesThePassword() throws IOException {
        RunningSwitchboard switchboard = switchboards.start(switchboards.newHome());
        String oldPassword = switchboard.initialAdminPassword();
        String newPassword = strongPassword();

        try (HeadlessChromium chromium = HeadlessChromium.open(switchboards.testDirectory().resolve("chromium-profile"))) {
            ChromeDriver browser = chromium.driver();
            // HTTP Basic: the credentials of the first navigation are kept for the console's realm
            browser.get("http://" + ADMIN + ":" + oldPassword + "@127.0.0.1:" + switchboard.port() + STATUS_PAGE);
            WebDriverWait wait = new WebDriverWait(browser, PAGE_WAIT);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("switchboard-status")));

            Map<String, List<String>> services = tableRowsByFirstCell(browser, "services");
            assertEquals(List.of("web console", "127.0.0.1", String.valueOf(switchboard.port()),
                    "listening at http://127.0.0.1:" + switchboard.port() + "/system/console"), services.get("web console"), services.toString());
            assertTrue(services.containsKey("host changes"), services.toString());
            assertEquals(List.of("none", "", "", ""), tableRowsByFirstCell(browser, "problems").get("none"), "no configuration problems");
            assertTrue(browser.findElement(By.id("switchboard-status")).getText().contains("all active"), "every bundle is active");
            chromium.screenshot("status-page");

            WebElement form = browser.findElement(By.id("passwd"));
            form.findElement(By.name("password")).sendKeys(newPassword);
            form.findElement(By.name("repeat")).sendKeys(newPassword);
            form.findElement(By.cssSelector("button[type=submit]")).click();
            WebElement message = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));

            assertTrue(message.getText().startsWith("Password changed."), message.getText());
            chromium.screenshot("password-changed");
        }
        assertEquals(200, switchboard.http().get(STATUS_PAGE, ADMIN, newPassword).statusCode(), "the new password opens the console");
        assertEquals(401, switchboard.http().get(STATUS_PAGE, ADMIN, oldPassword).statusCode(), "the generated one no longer does");
        assertFalse(Files.exists(switchboard.home().initialAdminPasswordFile()), "the generated password is no longer kept on disk");
    }

    /** Each row of the table with this id, its cells' text keyed by the first cell. */
    private static Map<String, List<String>> tableRowsByFirstCell(ChromeDriver browser, String tableId) {
        return browser.findElements(By.cssSelector("#" + tableId + " tbody tr")).stream()
                .map(row -> row.findElements(By.tagName("td")).stream().map(WebElement::getText).toList())
                .collect(Collectors.toMap(cells -> cells.get(0), cells -> cells));
    }

    private static String strongPassword() {
        String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789-_";
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder("Sb-");
        for (int i = 0; i < 20; i++) sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        return sb.toString();
    }
}
