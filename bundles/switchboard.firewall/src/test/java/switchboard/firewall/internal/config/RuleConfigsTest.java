package switchboard.firewall.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import switchboard.api.config.InvalidConfigurationException;
import switchboard.api.network.Cidr;
import switchboard.firewall.internal.rules.Forward;
import switchboard.firewall.internal.rules.PortRange;

class RuleConfigsTest {

    @Test
    void anExposureIsNamedAfterItsConfiguration() throws Exception {
        var e = RuleConfigs.exposure(Map.of("service.pid", "switchboard.firewall.expose~smtp", "ports", "25/tcp"));
        assertEquals("smtp", e.name());
        assertEquals(PortRange.parse("25/tcp"), e.ports());
    }

    @Test
    void aForwardNamesItsLanDevice() throws Exception {
        Forward f = RuleConfigs.forward(Map.of("service.pid", "switchboard.firewall.forward~camera", "ports", "8443", "to", "192.168.2.20:443"));
        assertEquals(new Forward("camera", PortRange.parse("8443/tcp"), Cidr.parseIpv4("192.168.2.20"), 443), f);
    }

    @Test
    void refusesMalformedConfigurationsNamingTheKey() {
        assertKey("ports", () -> RuleConfigs.exposure(Map.of("service.pid", "x~smtp")));
        assertKey("ports", () -> RuleConfigs.exposure(Map.of("service.pid", "x~smtp", "ports", "25/icmp")));
        assertKey("ports", () -> RuleConfigs.exposure(Map.of("service.pid", "x~admin", "ports", "8080")));
        assertKey("ports", () -> RuleConfigs.exposure(Map.of("service.pid", "x~bad name!", "ports", "25")));
        assertKey("to", () -> RuleConfigs.forward(Map.of("service.pid", "x~cam", "ports", "8443")));
        assertKey("to", () -> RuleConfigs.forward(Map.of("service.pid", "x~cam", "ports", "8443", "to", "192.168.2.20")));
        assertKey("to", () -> RuleConfigs.forward(Map.of("service.pid", "x~cam", "ports", "8443", "to", "192.168.2.300:443")));
        assertKey("to", () -> RuleConfigs.forward(Map.of("service.pid", "x~cam", "ports", "8443", "to", "192.168.2.20:")));
        assertKey("to", () -> RuleConfigs.forward(Map.of("service.pid", "x~cam", "ports", "8443", "to", "192.168.2.20:-1")));
        assertKey("ports", () -> RuleConfigs.forward(Map.of("service.pid", "x~cam", "ports", "8000-8010", "to", "192.168.2.20:443")));
        assertKey("ports", () -> RuleConfigs.forward(Map.of("service.pid", "x~cam", "ports", "8443", "to", "192.168.2.20:70000")));
    }

    @Test
    void firewallSettingsHaveDefaultsAndBounds() throws Exception {
        FirewallConfig defaults = FirewallConfig.parse(Map.of());
        assertEquals(Duration.ofSeconds(60), defaults.confirmWindow());
        assertEquals(20, defaults.flood().perSecond());
        assertTrue(defaults.presetExposures().isEmpty());
        assertEquals(2, FirewallConfig.parse(Map.of("presets", "phone")).presetExposures().size());
        assertKey("presets", () -> FirewallConfig.parse(Map.of("presets", "fax")));
        assertKey("confirm.seconds", () -> FirewallConfig.parse(Map.of("confirm.seconds", "1")));
        assertKey("flood.rate", () -> FirewallConfig.parse(Map.of("flood.rate", "many")));
    }

    private interface Parse {
        Object run() throws InvalidConfigurationException;
    }

    private static void assertKey(String key, Parse parse) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class, parse::run);
        assertEquals(key, e.key(), e.getMessage());
    }
}
