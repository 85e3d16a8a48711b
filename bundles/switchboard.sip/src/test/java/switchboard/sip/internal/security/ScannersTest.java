package switchboard.sip.internal.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class ScannersTest {
    @Test
    void knownScannersAreFoundInAnyCaseAnywhereInTheUserAgent() {
        assertTrue(Scanners.isScanner("friendly-scanner"));
        assertTrue(Scanners.isScanner("Friendly-Scanner/1.8"));
        assertTrue(Scanners.isScanner("x SIPVicious"));
        assertTrue(Scanners.isScanner("smap"));
        assertFalse(Scanners.isScanner("Yealink SIP-T46U 66.86.0.15"));
        assertFalse(Scanners.isScanner("sma"));
        assertFalse(Scanners.isScanner(""));
        assertFalse(Scanners.isScanner(null));
    }
}
