package switchboard.firewall.internal.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PortRangeTest {

    @Test
    void parsesPortsRangesAndProtocols() {
        assertEquals(new PortRange(Protocol.TCP, 25, 25), PortRange.parse("25"));
        assertEquals(new PortRange(Protocol.UDP, 5060, 5060), PortRange.parse(" 5060/UDP "));
        assertEquals(new PortRange(Protocol.UDP, 10000, 20000), PortRange.parse("10000-20000/udp"));
        assertEquals("10000-20000/udp", PortRange.parse("10000-20000/udp").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/tcp", "25/sctp", "0", "65536", "-5", "20-10", "2 5", "25/", "１２", "+25", "99999999999", "25-", "a-b/udp", "25/tcp/udp"})
    void refusesMalformedText(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PortRange.parse(text));
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void overlapsOnlyWithinOneProtocol() {
        assertTrue(PortRange.parse("8000-9000").overlaps(PortRange.parse("8080")));
        assertFalse(PortRange.parse("8000-9000/udp").overlaps(PortRange.parse("8080")));
        assertFalse(PortRange.parse("8081-9000").overlaps(PortRange.parse("8080")));
    }

    @Test
    void theConsoleCannotBeExposedOrForwardedAndTheRefusalPointsToTheVpn() {
        IllegalArgumentException exposed = assertThrows(IllegalArgumentException.class, () -> new Exposure("admin", PortRange.parse("8000-8100")));
        assertTrue(exposed.getMessage().contains("VPN"), exposed.getMessage());
        IllegalArgumentException forwarded = assertThrows(IllegalArgumentException.class,
                () -> new Forward("admin", PortRange.parse("8080"), Policies.SSH.lanHost(), 80));
        assertTrue(forwarded.getMessage().contains("VPN"), forwarded.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Exposure("dhcp", PortRange.parse("67/udp")));
        assertEquals("8080/udp", new Exposure("alt", PortRange.parse("8080/udp")).ports().toString());
    }
}
