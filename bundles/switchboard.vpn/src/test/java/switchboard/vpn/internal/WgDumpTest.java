package switchboard.vpn.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WgDumpTest {
    static final String PRIVATE = "yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=";
    static final String PUBLIC = "HIgo9xNzJMWLKASShiTqIybxZ0U3wGLiUeJ1PKf8ykw=";
    static final String PEER_A = "xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=";
    static final String PEER_B = "TrMvSoP4jYQlY6RIzBgbssQqY3vxI2Pi+y71lOWWXX0=";
    static final String PSK = "FpCyhws9cxwWoV4xELtfJvjJN+zQVRPISllRWgeopVE=";

    static String dump(String... peerLines) {
        StringBuilder s = new StringBuilder(PRIVATE + "\t" + PUBLIC + "\t51820\toff\n");
        for (String l : peerLines) s.append(l).append('\n');
        return s.toString();
    }

    @Test
    void readsTheInterfaceAndEachPeerAndDropsTheSecrets() {
        WgDump.Interface i = WgDump.parse(dump(
                PEER_A + "\t" + PSK + "\t198.19.1.2:51820\t198.18.2.0/24,198.18.100.2/32\t1700000000\t1234\t5678\t25",
                PEER_B + "\t(none)\t(none)\t(none)\t0\t0\t0\toff"));
        assertEquals(PUBLIC, i.publicKey());
        assertEquals(51820, i.listenPort());
        WgDump.PeerStatus a = i.peer(PEER_A).orElseThrow();
        assertTrue(a.hasPresharedKey());
        assertEquals(Optional.of("198.19.1.2:51820"), a.endpoint());
        assertEquals(List.of("198.18.2.0/24", "198.18.100.2/32"), a.allowedIps());
        assertEquals(Optional.of(Instant.ofEpochSecond(1700000000)), a.latestHandshake());
        assertEquals(1234, a.received());
        assertEquals(5678, a.sent());
        assertEquals(25, a.keepalive());
        WgDump.PeerStatus b = i.peer(PEER_B).orElseThrow();
        assertFalse(b.hasPresharedKey());
        assertEquals(Optional.empty(), b.endpoint());
        assertEquals(List.of(), b.allowedIps());
        assertEquals(Optional.empty(), b.latestHandshake(), "0 means never");
        assertEquals(0, b.keepalive());
        assertFalse(i.toString().contains(PRIVATE) || i.toString().contains(PSK), "no secret is kept");
    }

    @Test
    void anIpv6EndpointAndAFwmarkAreRead() {
        WgDump.Interface i = WgDump.parse(PRIVATE + "\t" + PUBLIC + "\t0\t51\n"
                + PEER_A + "\t(none)\t[fd00::1]:51820\t10.0.0.0/8\t5\t1\t2\toff\n");
        assertEquals(Optional.of("[fd00::1]:51820"), i.peers().get(0).endpoint());
    }

    @Test
    void malformedDumpsAreRefusedWithLineAndReasonButNeverTheSecret() {
        assertMalformed("", "line 1: empty dump");
        assertMalformed(PRIVATE + "\t" + PUBLIC + "\t51820\n", "line 1: 3 fields where 4 belong");
        assertMalformed("short\t" + PUBLIC + "\t51820\toff\n", "line 1: private key is not a base64 key");
        assertMalformed(PRIVATE + "\t" + PUBLIC + "\t70000\toff\n", "line 1: listen port 70000 is out of range");
        assertMalformed(PRIVATE + "\t" + PUBLIC + "\tport\toff\n", "line 1: listen port is not a number");
        assertMalformed(dump(PEER_A + "\t(none)\t(none)\t(none)\t0\t0\t0"), "line 2: 7 fields where 8 belong");
        assertMalformed(dump(PEER_A + "\t(none)\tnowhere\t(none)\t0\t0\t0\toff"), "line 2: endpoint 'nowhere' is not address:port");
        assertMalformed(dump(PEER_A + "\t(none)\t(none)\t10.0.0.0\t0\t0\t0\toff"), "line 2: allowed ip '10.0.0.0' is not address/prefix");
        assertMalformed(dump(PEER_A + "\t(none)\t(none)\t(none)\t-1\t0\t0\toff"), "line 2: latest handshake -1 is out of range");
        assertMalformed(dump(PEER_A + "\t(none)\t(none)\t(none)\t0\tmany\t0\toff"), "line 2: received bytes is not a number");
        assertMalformed(dump(PEER_A + "\t(none)\t(none)\t(none)\t0\t0\t0\t99999"), "line 2: persistent keepalive 99999 is out of range");
        assertMalformed(dump(PEER_A + "\tsecret-ish\t(none)\t(none)\t0\t0\t0\toff"), "line 2: preshared key is not a base64 key");
        assertMalformed(dump("x\t(none)\t(none)\t(none)\t0\t0\t0\toff"), "line 2: peer public key is not a base64 key");
        String leaking = PRIVATE + "\t" + PUBLIC + "\t" + PRIVATE + "\toff\n";
        assertFalse(assertThrows(IllegalArgumentException.class, () -> WgDump.parse(leaking)).getMessage().contains(PRIVATE));
    }

    private static void assertMalformed(String dump, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WgDump.parse(dump));
        assertTrue(e.getMessage().startsWith(message), e.getMessage());
    }
}
