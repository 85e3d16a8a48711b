package switchboard.sip.internal.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class DigestResponseTest {
    @Test
    void md5MatchesTheRfc2617Example() {
        String ha1 = DigestResponse.hex("MD5", "Mufasa:testrealm@host.com:Circle Of Life");
        assertEquals("6629fae49393a05397450978507c4ef1", DigestResponse.expected("MD5", ha1, "GET", "/dir/index.html",
                "dcd98b7102dd2f0e8b11d0f600bfb0c093", "00000001", "0a4f113b", "auth"));
    }

    @Test
    void sha256MatchesTheRfc7616Example() {
        String ha1 = DigestResponse.hex("SHA-256", "Mufasa:http-auth@example.org:Circle of Life");
        assertEquals("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
                DigestResponse.expected("SHA-256", ha1, "GET", "/dir/index.html",
                        "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "00000001",
                        "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", "auth"));
    }

    @Test
    void onlyMd5AndSha256AreSupported() {
        assertTrue(DigestResponse.supported("md5"));
        assertTrue(DigestResponse.supported("SHA-256"));
        assertFalse(DigestResponse.supported("MD5-sess"));
        assertFalse(DigestResponse.supported("SHA-512-256"));
    }

    @Test
    void matchingIgnoresHexCaseAndRefusesMissingResponses() {
        assertTrue(DigestResponse.matches("abcdef", "ABCDEF"));
        assertFalse(DigestResponse.matches("abcdef", "abcdee"));
        assertFalse(DigestResponse.matches("abcdef", null));
    }
}
