package switchboard.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static switchboard.systemtests.RunningSwitchboard.ADMIN;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An admin adds a laptop on the VPN page: the page shows its configuration once, as text and as a QR code that
 * reads back (from the browser's own rendering) to the same text, and lists it as a peer.
 */
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
            String config = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("client-config"))).getDomProperty("textContent");

            assertTrue(config.matches("(?s)\\[Interface]\\s+PrivateKey = \\S{44}\\s+Address = 10\\.99\\.0\\.2/32\\s+\\[Peer].*"), config);
            chromium.screenshot("vpn-device-added");
            byte[] qr = browser.findElement(By.cssSelector("#client-config-qr svg")).getScreenshotAs(OutputType.BYTES);
            assertEquals(config, decodeQr(qr), "the QR code as the browser shows it holds the configuration");
            Poll.until(PAGE_WAIT, "the laptop in the peer list", () -> {
                browser.get(page);
                return browser.findElements(By.cssSelector("#peers tbody tr td")).stream().map(WebElement::getText).toList()
                        .contains("anna-laptop");
            });
            List<String> row = browser.findElements(By.cssSelector("#peers tbody tr td")).stream().map(WebElement::getText).toList();
            assertEquals(List.of("anna-laptop", "device", "-", "unknown", "-", "-", "10.99.0.2/32"), row, "dry run: no status from wg");
            assertTrue(browser.findElements(By.id("client-config")).isEmpty(), "the private key is shown only once");
            assertTrue(browser.findElements(By.id("client-config-qr")).isEmpty(), "in either form");
        }
        theAnswerWithThePrivateKeyIsNeverStored(switchboard);
    }

    /** The one response that carries a device's private key tells every cache not to keep it; the next page has no trace of it. */
    private static void theAnswerWithThePrivateKeyIsNeverStored(RunningSwitchboard switchboard) {
        String password = switchboard.initialAdminPassword();
        String token = ConsoleForm.token(switchboard.http(), VPN_PAGE, ADMIN, password);
        HttpResponse<String> added = switchboard.http().postForm(VPN_PAGE, ADMIN, password, Map.of("csrf", token, "device", "anna-phone"));
        assertEquals(200, added.statusCode(), added.body());
        assertEquals(Optional.of("no-store"), added.headers().firstValue("Cache-Control"));
        Matcher key = Pattern.compile("PrivateKey = (\\S{44})").matcher(added.body());
        assertTrue(key.find() && added.body().contains("id='client-config-qr'"), added.body());
        assertFalse(ConsoleForm.html(switchboard.http(), VPN_PAGE, ADMIN, password).contains(key.group(1)));
    }

    /** Reads the QR code in a PNG image with ZXing, as a phone's camera app would. */
    private static String decodeQr(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        try {
            return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels))))
                    .getText();
        } catch (ReaderException e) {
            throw new AssertionError("no QR code in the image", e);
        }
    }
}
