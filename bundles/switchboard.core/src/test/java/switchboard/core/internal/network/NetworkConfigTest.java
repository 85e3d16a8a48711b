package switchboard.core.internal.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static switchboard.core.internal.ConfigMaps.properties;

import java.net.Inet4Address;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import switchboard.api.config.InvalidConfigurationException;
import switchboard.api.network.Cidr;
import switchboard.api.network.NetworkMode;
import switchboard.api.network.WanMode;

@Timeout(5)
class NetworkConfigTest {

    private static Inet4Address ip(String dotted) {
        return Cidr.parseIpv4(dotted);
    }

    private static InvalidConfigurationException refused(Map<String, Object> properties) {
        return assertThrows(InvalidConfigurationException.class, () -> NetworkConfig.parse(properties));
    }

    @Test
    void emptyConfigurationGivesTheDocumentedDefaults() throws Exception {
        NetworkConfig c = NetworkConfig.parse(Map.of());
        assertEquals("", c.lanInterface());
        assertEquals(Cidr.parse("192.168.2.254/24"), c.lanAddress());
        assertEquals("office.lan", c.domain());
        assertEquals(WanMode.STATIC, c.wanMode());
        assertEquals(Optional.empty(), c.wanAddress());
        assertEquals(Optional.empty(), c.wanGateway());
        assertEquals(List.of(), c.wanDns());
        assertEquals(NetworkMode.NAT_DMZ, c.mode());
        assertEquals(c, NetworkConfig.defaults());
    }

    @Test
    void readsEveryKey() throws Exception {
        NetworkConfig c = NetworkConfig.parse(properties(
                "lan.interface", "eth1", "lan.address", "10.1.0.1/16", "domain", "Example.COM",
                "wan.mode", "static", "wan.address", "203.0.113.10/24", "wan.gateway", "203.0.113.1",
                "wan.dns", new String[] {"9.9.9.9", "1.1.1.1"}, "mode", "router"));
        assertEquals("eth1", c.lanInterface());
        assertEquals(Cidr.parse("10.1.0.1/16"), c.lanAddress());
        assertEquals("example.com", c.domain(), "the domain is lower-cased");
        assertEquals(Optional.of(Cidr.parse("203.0.113.10/24")), c.wanAddress());
        assertEquals(Optional.of(ip("203.0.113.1")), c.wanGateway());
        assertEquals(List.of(ip("9.9.9.9"), ip("1.1.1.1")), c.wanDns());
        assertEquals(NetworkMode.ROUTER, c.mode());
    }

    @Test
    void dnsServersMayBeOneCommaSeparatedString() throws Exception {
        assertEquals(List.of(ip("9.9.9.9"), ip("1.1.1.1")),
                NetworkConfig.parse(properties("wan.dns", "9.9.9.9, 1.1.1.1")).wanDns());
    }

    @Test
    void dhcpModeNeedsNoStaticAddress() throws Exception {
        NetworkConfig c = NetworkConfig.parse(properties("wan.mode", "dhcp"));
        assertEquals(WanMode.DHCP, c.wanMode());
        assertEquals(Optional.empty(), c.wanAddress());
    }

    @ParameterizedTest(name = "{0} = ''{1}''")
    @CsvSource(delimiter = '|', value = {
        "lan.interface | eth 0",
        "lan.interface | an-interface-name-too-long",
        "lan.interface | eth0;rm",
        "lan.address   | 192.168.2.254",
        "lan.address   | 192.168.2.300/24",
        "lan.address   | 10.0.0.1/7",
        "lan.address   | 10.0.0.1/31",
        "lan.address   | 192.168.2.0/24",
        "lan.address   | 192.168.2.255/24",
        "domain        | localhost",
        "domain        | -office.lan",
        "domain        | office-.lan",
        "domain        | office..lan",
        "domain        | office.lan.",
        "domain        | my_office.lan",
        "wan.mode      | pppoe",
        "wan.address   | 203.0.113.10",
        "wan.address   | 203.0.113/24",
        "wan.gateway   | 203.0.113.256",
        "wan.gateway   | gateway",
        "wan.dns       | 9.9.9.9,dns.example",
        "mode          | bridge",
        "mode          | NAT",
    })
    void refusesAnInvalidValueNamingItsKey(String key, String value) {
        InvalidConfigurationException e = refused(properties(key, value));
        assertEquals(key, e.key());
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
    }

    @Test
    void refusesPppoeSayingItIsNotSupported() {
        InvalidConfigurationException e = refused(properties("wan.mode", "pppoe"));
        assertEquals("wan.mode", e.key());
        assertTrue(e.getMessage().contains("PPPoE is not supported"), e.getMessage());
    }

    @Test
    void refusesAGatewayOutsideTheWanSubnet() {
        InvalidConfigurationException e = refused(properties("wan.address", "203.0.113.10/24", "wan.gateway", "198.51.100.1"));
        assertEquals("wan.gateway", e.key());
        assertTrue(e.getMessage().contains("198.51.100.1") && e.getMessage().contains("203.0.113.10/24"), e.getMessage());
    }

    @Test
    void acceptsAGatewayWithoutAStaticAddress() throws Exception {
        assertEquals(Optional.of(ip("198.51.100.1")), NetworkConfig.parse(properties("wan.gateway", "198.51.100.1")).wanGateway());
    }

    @Test
    void refusesAWanAddressInsideTheLan() {
        InvalidConfigurationException e = refused(properties("lan.address", "10.0.0.1/8", "wan.address", "10.20.30.40/24"));
        assertEquals("wan.address", e.key());
        assertTrue(e.getMessage().contains("10.0.0.1/8"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.b", "office.lan", "my-office.example.com", "x1.y2.z3", "OFFICE.LAN"})
    void acceptsDomainsOfValidLabels(String domain) throws Exception {
        assertEquals(domain.toLowerCase(), NetworkConfig.parse(properties("domain", domain)).domain());
    }

    @Test
    void aLabelMayHave63CharactersButNot64() throws Exception {
        String label63 = "a".repeat(63);
        assertEquals(label63 + ".lan", NetworkConfig.parse(properties("domain", label63 + ".lan")).domain());
        assertEquals("domain", refused(properties("domain", label63 + "a.lan")).key());
    }

    @Test
    void aDomainMayHaveAtMost253Characters() throws Exception {
        String label = "a".repeat(49);
        String domain253 = String.join(".", label, label, label, label, label) + ".abc";
        assertEquals(253, domain253.length());
        NetworkConfig.parse(properties("domain", domain253));
        assertEquals("domain", refused(properties("domain", "x" + domain253)).key());
    }

    @Test
    void blankValuesMeanTheDefaults() throws Exception {
        NetworkConfig c = NetworkConfig.parse(properties("lan.address", " ", "domain", "", "wan.address", "  ", "mode", ""));
        assertEquals(NetworkConfig.defaults(), c);
    }
}
