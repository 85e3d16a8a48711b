package switchboard.sip.internal.security;

import java.util.Locale;
import java.util.regex.Pattern;

/** User agents of SIP scanning tools (SIPVicious presents itself as "friendly-scanner"). */
public final class Scanners {
    private static final Pattern KNOWN = Pattern.compile(
            "friendly-scanner|sipvicious|sipcli|sip-scan|sundayddr|iwar|vaxsipuseragent|pplsip|smap");

    private Scanners() {}

    public static boolean isScanner(String userAgent) {
        return userAgent != null && KNOWN.matcher(userAgent.toLowerCase(Locale.ROOT)).find();
    }
}
