package switchboard.sip.internal.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** The digest {@code response} (RFC 7616 §3.4.1, RFC 8760) for qop=auth (the only qop challenged), from the stored HA1. */
public final class DigestResponse {
    private DigestResponse() {}

    /** {@code MD5} or {@code SHA-256}; anything else (including the -sess variants) is unsupported. */
    public static boolean supported(String algorithm) {
        String a = algorithm.toUpperCase(Locale.ROOT);
        return a.equals("MD5") || a.equals("SHA-256");
    }

    public static String expected(String algorithm, String ha1, String method, String uri, String nonce, String nc,
            String cnonce, String qop) {
        String ha2 = hex(algorithm, method + ":" + uri);
        return hex(algorithm, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    public static boolean matches(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    static String hex(String algorithm, String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm.toUpperCase(Locale.ROOT))
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("unsupported digest algorithm " + algorithm, e);
        }
    }
}
