package switchboard.vpn.internal;

import io.nayuki.qrcodegen.QrCode;

/**
 * A QR code as inline SVG, for a phone's WireGuard app to scan a device configuration from the screen. The
 * dark modules of each row are drawn as horizontal runs ({@code M x y h n v1 h -n z}) in one path, inside the
 * four-module light border that scanners need. Each module is a whole number of pixels: a symbol scaled by a
 * fraction draws modules of uneven width, which readers can fail on.
 */
final class QrCodeSvg {
    static final int BORDER = 4;

    private QrCodeSvg() {}

    /** @throws io.nayuki.qrcodegen.DataTooLongException when the text does not fit the largest symbol */
    static String render(String text, int modulePixels) {
        // medium error correction copes with glare on a screen; a configuration (about 250 characters) still fits a small symbol
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        int side = qr.size + 2 * BORDER;
        int pixels = side * modulePixels;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < qr.size; y++) {
            int x = 0;
            while (x < qr.size) {
                if (!qr.getModule(x, y)) {
                    x++;
                    continue;
                }
                int start = x;
                while (x < qr.size && qr.getModule(x, y)) x++;
                int run = x - start;
                path.append('M').append(start + BORDER).append(' ').append(y + BORDER)
                        .append('h').append(run).append("v1h-").append(run).append('z');
            }
        }
        return "<svg xmlns='http://www.w3.org/2000/svg' width='" + pixels + "' height='" + pixels
                + "' viewBox='0 0 " + side + " " + side + "' shape-rendering='crispEdges' role='img' aria-label='QR code'>"
                + "<rect width='" + side + "' height='" + side + "' fill='#fff'/><path fill='#000' d='" + path + "'/></svg>";
    }
}
