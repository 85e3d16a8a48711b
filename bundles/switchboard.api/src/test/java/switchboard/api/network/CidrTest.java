package switchboard.api.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(5)
class CidrTest {

    private static Inet4Address ip(String dotted) {
        return Cidr.parseIpv4(dotted);
    }

    private static void assertAddress(String expected, Inet4Address actual) {
        assertEquals(expected, actual.getHostAddress());
    }

    @Test
    void parsesAddressAndPrefix() {
        Cidr cidr = Cidr.parse("192.168.2.254/24");
        assertAddress("192.168.2.254", cidr.address());
        assertEquals(24, cidr.prefixLength());
        assertEquals("192.168.2.254/24", cidr.toString());
    }

    @Test
    void ignoresSurroundingWhitespace() {
        assertEquals(Cidr.parse("10.1.2.3/8"), Cidr.parse("  10.1.2.3/8\t"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "   ",                 // whitespace only
        "192.168.2.254",       // missing prefix
        "192.168.2.254/",      // empty prefix
        "192.168.256.1/24",    // octet above 255
        "1.2.3.4.5/24",        // five octets
        "1.2.3/24",            // three octets
        "a.b.c.d/24",          // letters
        "192.168.2.x/24",
        "192.168.2.1/ab",      // prefix not a number
        "192.168.2.1/33",      // prefix above 32
        "192.168.2.1/-1",
        "192.168..1/24",       // empty octet
        "1234.1.1.1/8",        // octet too long
        "/24",
        "192.168.2.1/24/8",
        "-1.2.3.4/8",
        "\u0661.2.3.4/8",      // a non-ASCII digit in an octet
        "1.2.3.4/\u0662\u0664",  // non-ASCII digits in the prefix
        "1.2.3.4/+8",          // a signed prefix
    })
    void refusesMalformedText(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
        assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "the message says what is wrong");
    }

    @Test
    void messageOfAMissingPrefixShowsAnExample() {
        String message = assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.1")).getMessage();
        assertTrue(message.contains("10.0.0.1") && message.contains("/prefix"), message);
    }

    @Test
    void messageOfAnOctetAbove255NamesIt() {
        String message = assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.256.1/8")).getMessage();
        assertTrue(message.contains("256"), message);
    }

    @Test
    void constructorRefusesMissingAddressAndBadPrefix() {
        assertThrows(IllegalArgumentException.class, () -> new Cidr(null, 24));
        assertThrows(IllegalArgumentException.class, () -> new Cidr(ip("10.0.0.1"), 33));
        assertThrows(IllegalArgumentException.class, () -> new Cidr(ip("10.0.0.1"), -1));
    }

    @Test
    void derivesNetworkBroadcastAndNetmask() {
        Cidr cidr = Cidr.parse("192.168.2.254/24");
        assertAddress("192.168.2.0", cidr.network());
        assertAddress("192.168.2.255", cidr.broadcast());
        assertAddress("255.255.255.0", cidr.netmask());
    }

    @Test
    void derivesNetworkOfAPrefixOffTheOctetBoundary() {
        Cidr cidr = Cidr.parse("10.20.30.40/20");
        assertAddress("10.20.16.0", cidr.network());
        assertAddress("10.20.31.255", cidr.broadcast());
        assertAddress("255.255.240.0", cidr.netmask());
    }

    @Test
    void prefixZeroCoversEverything() {
        Cidr any = Cidr.parse("203.0.113.7/0");
        assertAddress("0.0.0.0", any.netmask());
        assertAddress("0.0.0.0", any.network());
        assertAddress("255.255.255.255", any.broadcast());
        assertTrue(any.contains(ip("8.8.8.8")));
    }

    @Test
    void prefix32IsOneHost() {
        Cidr host = Cidr.parse("203.0.113.7/32");
        assertAddress("255.255.255.255", host.netmask());
        assertAddress("203.0.113.7", host.network());
        assertAddress("203.0.113.7", host.broadcast());
        assertTrue(host.contains(ip("203.0.113.7")));
        assertFalse(host.contains(ip("203.0.113.8")));
    }

    @Test
    void containsChecksTheSubnet() {
        Cidr lan = Cidr.parse("192.168.2.254/24");
        assertTrue(lan.contains(ip("192.168.2.0")));
        assertTrue(lan.contains(ip("192.168.2.1")));
        assertTrue(lan.contains(ip("192.168.2.255")));
        assertFalse(lan.contains(ip("192.168.3.1")));
        assertFalse(lan.contains(ip("10.0.0.1")));
    }

    @Test
    void intConversionRoundTrips() {
        for (String a : new String[] {"0.0.0.0", "127.0.0.1", "192.168.2.254", "255.255.255.255", "128.0.0.1"})
            assertAddress(a, Cidr.fromInt(Cidr.toInt(ip(a))));
        assertEquals(0xC0A802FE, Cidr.toInt(ip("192.168.2.254")));
    }
}
