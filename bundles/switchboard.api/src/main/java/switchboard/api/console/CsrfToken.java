package switchboard.api.console;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Per-user form tokens for console pages (HMAC with a per-start secret) plus a same-origin check for state-changing POSTs. */
public final class CsrfToken {
    public static final String FIELD = "csrf";
    private final byte[] secret = new byte[32];

    public CsrfToken() {
        new SecureRandom().nextBytes(secret);
    }

    public String forUser(String user) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(String.valueOf(user).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean valid(HttpServletRequest request) {
        String token = request.getParameter(FIELD);
        if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                forUser(request.getRemoteUser()).getBytes(StandardCharsets.UTF_8))) return false;
        String origin = request.getHeader("Origin");
        if (origin == null || origin.equals("null")) return origin == null;
        try {
            URI o = URI.create(origin);
            return request.getServerName().equalsIgnoreCase(o.getHost()) && request.getServerPort() == (o.getPort() < 0 ? 80 : o.getPort());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
