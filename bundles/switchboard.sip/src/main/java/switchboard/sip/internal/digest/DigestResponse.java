package switchboard.sip.internal.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** The digest {@code response} (RFC 7616 §3.4.1, RFC 8760) for qop=auth (the only qop challenged), from the stored HA1. */
public final class DigestResponse {
    /** One per thread: looking a digest up in the providers costs more than the hashing of a short string. */
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> newDigest("MD5"));
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> newDigest("SHA-256"));

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
        MessageDigest digest = switch (algorithm.toUpperCase(Locale.ROOT)) {
            case "MD5" -> MD5.get();
            case "SHA-256" -> SHA_256.get();
            default -> throw new IllegalArgumentException("unsupported digest algorithm " + algorithm);
        };
        return HexFormat.of().formatHex(digest.digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }
}
