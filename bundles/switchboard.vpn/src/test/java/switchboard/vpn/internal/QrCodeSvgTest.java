package switchboard.vpn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.LuminanceSource;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.nayuki.qrcodegen.DataTooLongException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import switchboard.api.network.Cidr;

/** The SVG is painted as a screen would show it, from its own path, and read back with ZXing's QR code reader. */
class QrCodeSvgTest {
    private static final Pattern VIEW_BOX = Pattern.compile("viewBox='0 0 (\\d+) \\1'");
    private static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-\\3z");
    private static final Pattern PATH = Pattern.compile(" d='([^']*)'");
    /** Screen pixels per module in the painted image. */
    private static final int SCALE = 4;

    @Test
    void aDeviceConfigurationReadsBackFromItsSymbol() throws Exception {
        String config = new ClientConfig(WireGuardKey.encode(WireGuardKey.generatePair()[0]), Cidr.parse("10.99.0.2/32"),
                WireGuardKey.encode(WireGuardKey.generatePair()[1]), "vpn.example.net:51820",
                List.of(Cidr.parse("10.99.0.0/24"), Cidr.parse("192.168.1.0/24"))).render();

        String svg = QrCodeSvg.render(config, 4);

        assertEquals(config, decode(svg));
        int pixels = side(svg) * 4;
        assertTrue(svg.startsWith("<svg xmlns='http://www.w3.org/2000/svg' width='" + pixels + "' height='" + pixels + "' "), svg);
    }

    @Test
    void theSymbolKeepsItsQuietZone() {
        String svg = QrCodeSvg.render("[Interface]", 1);
        int side = side(svg);
        int minX = Integer.MAX_VALUE;
        int maxX = 0;
        Matcher run = RUN.matcher(path(svg));
        while (run.find()) {
            minX = Math.min(minX, Integer.parseInt(run.group(1)));
            maxX = Math.max(maxX, Integer.parseInt(run.group(1)) + Integer.parseInt(run.group(3)));
        }
        assertEquals(QrCodeSvg.BORDER, minX, "the finder patterns start after the border");
        assertEquals(side - QrCodeSvg.BORDER, maxX, "and end before it");
    }

    @Test
    void aTextTooLongForAnySymbolIsRefused() {
        assertThrows(DataTooLongException.class, () -> QrCodeSvg.render("x".repeat(3000), 4));
    }

    /** Paints the path's runs black on white, then lets ZXing find and read the symbol. */
    private static String decode(String svg) throws Exception {
        int side = side(svg);
        int pixels = side * SCALE;
        int[] image = new int[pixels * pixels];
        Arrays.fill(image, 0xFFFFFFFF);
        Matcher run = RUN.matcher(path(svg));
        int runs = 0;
        while (run.find()) {
            runs++;
            int x = Integer.parseInt(run.group(1));
            int y = Integer.parseInt(run.group(2));
            int length = Integer.parseInt(run.group(3));
            for (int py = y * SCALE; py < (y + 1) * SCALE; py++)
                Arrays.fill(image, py * pixels + x * SCALE, py * pixels + (x + length) * SCALE, 0xFF000000);
        }
        assertTrue(runs > 0, svg);
        assertTrue(RUN.matcher(path(svg)).replaceAll("").isEmpty(), "the path is made of runs only: " + path(svg));
        LuminanceSource source = new RGBLuminanceSource(pixels, pixels, image);
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText();
    }

    private static int side(String svg) {
        Matcher box = VIEW_BOX.matcher(svg);
        assertTrue(box.find(), svg);
        return Integer.parseInt(box.group(1));
    }

    private static String path(String svg) {
        Matcher path = PATH.matcher(svg);
        assertTrue(path.find(), svg);
        return path.group(1);
    }
}
