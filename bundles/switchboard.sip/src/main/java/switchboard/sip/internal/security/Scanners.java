package switchboard.sip.internal.security;

import java.util.List;
import switchboard.sip.internal.CaseInsensitive;

/** User agents of SIP scanning tools (SIPVicious presents itself as "friendly-scanner"). */
public final class Scanners {
    private static final List<String> KNOWN = List.of(
            "friendly-scanner", "sipvicious", "sipcli", "sip-scan", "sundayddr", "iwar", "vaxsipuseragent", "pplsip", "smap");

    private Scanners() {}

    /** Whether the user agent contains a known scanner's name, in any case (checked in place: every request asks). */
    public static boolean isScanner(String userAgent) {
        if (userAgent == null) return false;
        for (String name : KNOWN) if (CaseInsensitive.indexOf(userAgent, name) >= 0) return true;
        return false;
    }
}
