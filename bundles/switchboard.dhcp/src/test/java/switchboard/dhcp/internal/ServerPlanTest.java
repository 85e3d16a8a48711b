package switchboard.dhcp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import switchboard.api.config.InvalidConfigurationException;
import switchboard.api.dhcp.OptionCode;
import switchboard.api.network.Cidr;
import switchboard.api.network.NetworkMode;

class ServerPlanTest {
    @Test
    void defaultsComeFromTheNetworkModel() throws Exception {
        ServerPlan plan = Clients.plan(List.of());
        assertEquals("192.168.2.1", Cidr.fromInt(plan.poolStart()).getHostAddress());
        assertEquals("192.168.2.100", Cidr.fromInt(plan.poolEnd()).getHostAddress());
        assertEquals(86_400, plan.leaseSeconds());
    }

    @Test
    void lanOnlyHandsOutTheConfiguredGatewayAndDns() throws Exception {
        ServerPlan plan = ServerPlan.of("veth0", DhcpSettings.defaults(), Clients.lan(NetworkMode.LAN_ONLY), List.of());
        assertEquals("203.0.113.1", plan.clientOptions().address(OptionCode.ROUTER).orElseThrow().getHostAddress());
        assertEquals("9.9.9.9", plan.clientOptions().address(OptionCode.DOMAIN_NAME_SERVER).orElseThrow().getHostAddress());
        assertEquals("192.168.2.254", plan.clientOptions().address(OptionCode.NTP_SERVERS).orElseThrow().getHostAddress());
    }

    @Test
    void extraOptionsAreTyped() throws Exception {
        DhcpSettings s = DhcpSettings.read(Map.of("options", List.of("66:string:tftp.office.lan", "150:ip:192.168.2.10,192.168.2.11", "26:uint16:1400")));
        ServerPlan plan = ServerPlan.of("veth0", s, Clients.lan(NetworkMode.NAT), List.of());
        assertEquals("tftp.office.lan", plan.clientOptions().string(66).orElseThrow());
        assertEquals(2, plan.clientOptions().addresses(150).size());
        assertEquals(1400, plan.clientOptions().uint16(26).orElseThrow());
    }

    @Test
    void refusesWhatCannotWorkWithClearReasons() {
        assertRefused(Map.of("pool.start", "10.0.0.1"), "pool.start", "not a host address in the LAN 192.168.2.254/24");
        assertRefused(Map.of("pool.start", "192.168.2.50", "pool.end", "192.168.2.40"), "pool.end", "comes before");
        assertRefused(Map.of("options", "53:uint8:1"), "options", "set by the server itself");
        assertRefused(Map.of("options", "66:text:x"), "options", "not one of");
        assertRefused(Map.of("lease.time", "10"), "lease.time", "out of range");
        assertRefused(Map.of("probe", "icmp"), "probe", "arp, ping or none");
    }

    @Test
    void refusesConflictingReservations() {
        InvalidConfigurationException self = assertThrows(InvalidConfigurationException.class, () ->
                Clients.plan(List.of(Reservation.parse("02:00:00:00:00:01", "192.168.2.254", ""))));
        assertTrue(self.getMessage().contains("this box's own address"), self.getMessage());
        InvalidConfigurationException twice = assertThrows(InvalidConfigurationException.class, () -> Clients.plan(List.of(
                Reservation.parse("02:00:00:00:00:01", "192.168.2.20", ""), Reservation.parse("02:00:00:00:00:02", "192.168.2.20", ""))));
        assertTrue(twice.getMessage().contains("already reserved"), twice.getMessage());
        assertThrows(InvalidConfigurationException.class, () -> Clients.plan(List.of(Reservation.parse("02:00:00:00:00:01", "10.0.0.5", ""))));
        assertThrows(IllegalArgumentException.class, () -> Reservation.parse("02:00:00:00:01", "192.168.2.20", ""));
        assertThrows(IllegalArgumentException.class, () -> Reservation.parse("02:00:00:00:00:01", "192.168.2.20", "bad name"));
    }

    @Test
    void offWithoutAnInterfaceOrWhenDisabled() throws Exception {
        var noLan = new switchboard.api.network.NetworkSettings(1, "", Cidr.parse("192.168.2.254/24"), "office.lan",
                switchboard.api.network.WanMode.STATIC, java.util.Optional.empty(), java.util.Optional.empty(), List.of(), NetworkMode.NAT);
        assertFalse(ServerPlan.servedInterface(DhcpSettings.defaults(), noLan).isPresent());
        assertFalse(ServerPlan.servedInterface(DhcpSettings.read(Map.of("enabled", "false")), Clients.lan(NetworkMode.NAT)).isPresent());
        assertEquals("eth9", ServerPlan.servedInterface(DhcpSettings.read(Map.of("interface", "eth9")), noLan).orElseThrow());
    }

    private static void assertRefused(Map<String, Object> config, String key, String reason) {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> ServerPlan.of("veth0", DhcpSettings.read(config), Clients.lan(NetworkMode.NAT), List.of()));
        assertEquals(key, e.key());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
