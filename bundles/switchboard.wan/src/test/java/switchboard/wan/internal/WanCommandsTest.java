package switchboard.wan.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import switchboard.api.network.Cidr;

class WanCommandsTest {
    private static final WanTarget TARGET = new WanTarget("eth1", Optional.of(Cidr.parse("198.19.0.2/24")), Optional.of(Cidr.parseIpv4("198.19.0.1")));
    private static final String CONFIGURED = "3: eth1    inet 198.19.0.2/24 scope global eth1\\       valid_lft forever preferred_lft forever\n";

    @Test
    void aBareInterfaceGetsAddressAndDefaultRoute() {
        assertEquals(List.of(List.of("ip", "addr", "add", "198.19.0.2/24", "dev", "eth1"),
                List.of("ip", "route", "replace", "default", "via", "198.19.0.1", "dev", "eth1")), WanCommands.plan(TARGET, "", ""));
    }

    @Test
    void aConfiguredInterfaceIsLeftAlone() {
        assertEquals(List.of(), WanCommands.plan(TARGET, CONFIGURED, "default via 198.19.0.1 dev eth1 proto static \n"));
    }

    @Test
    void aNewAddressReplacesTheOldOneAndLinkLocalAddressesStay() {
        String listing = CONFIGURED + "3: eth1    inet 169.254.3.4/16 scope link eth1\n";
        WanTarget moved = new WanTarget("eth1", Optional.of(Cidr.parse("198.19.0.3/24")), TARGET.gateway());
        assertEquals(List.of(List.of("ip", "addr", "del", "198.19.0.2/24", "dev", "eth1"), List.of("ip", "addr", "add", "198.19.0.3/24", "dev", "eth1")),
                WanCommands.plan(moved, listing, "default via 198.19.0.1 dev eth1"));
    }

    @Test
    void aDefaultRouteThroughAnotherGatewayOrInterfaceIsReplaced() {
        List<String> replace = List.of("ip", "route", "replace", "default", "via", "198.19.0.1", "dev", "eth1");
        assertEquals(List.of(replace), WanCommands.plan(TARGET, CONFIGURED, "default via 198.19.0.254 dev eth1"));
        assertEquals(List.of(replace), WanCommands.plan(TARGET, CONFIGURED, "default via 198.19.0.1 dev eth10"));
    }

    @Test
    void malformedListingsAreReadAsNoAddress() {
        assertEquals(1, WanCommands.plan(TARGET, "inet 198.19.0.2/24", "default via 198.19.0.1 dev eth1").size());
        assertEquals(1, WanCommands.plan(TARGET, "garbage\n\n inet  scope global", "default via 198.19.0.1 dev eth1").size());
        assertEquals(List.of(List.of("ip", "addr", "del", "198.19.0.2/24", "dev", "eth1")),
                WanCommands.plan(new WanTarget("eth1", Optional.empty(), Optional.empty()), CONFIGURED, ""));
    }
}
