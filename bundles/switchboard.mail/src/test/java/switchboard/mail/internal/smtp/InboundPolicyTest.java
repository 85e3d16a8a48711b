package switchboard.mail.internal.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import switchboard.api.network.Cidr;
import switchboard.api.network.NetworkMode;
import switchboard.api.network.NetworkSettings;
import switchboard.api.network.WanMode;
import switchboard.mail.internal.alias.AliasLoopException;
import switchboard.mail.internal.alias.AliasTable;

class InboundPolicyTest {
    private static final NetworkSettings NETWORK = new NetworkSettings(1, "eth0", Cidr.parse("192.168.2.254/24"), "office.lan",
            WanMode.STATIC, Optional.of(Cidr.parse("203.0.113.10/24")), Optional.empty(), List.of(), NetworkMode.NAT_DMZ);
    private final AliasTable aliases = new AliasTable(Map.of("sales", List.of("anna", "bob"),
            "anna", List.of("anna", "anna@isp.example"), "ghost", List.of("nobody"), "a", List.of("b"), "b", List.of("a")));
    private final RecipientRouter router = new RecipientRouter("office.lan", aliases, Set.of("anna", "bob", "carol")::contains);

    /** Behind the VPN tunnel: another office's LAN. */
    private static final Cidr VPN = Cidr.parse("192.168.7.0/24");

    private InboundPolicy policy(boolean relayWan) {
        return new InboundPolicy(router, aliases, NETWORK, List.of(VPN), relayWan, 1000);
    }

    @Test
    void relayWithoutAuthenticationOnlyFromLoopbackLanAndVpn() throws Exception {
        assertTrue(policy(false).relayAllowedFrom(InetAddress.getByName("127.0.0.1")));
        assertTrue(policy(false).relayAllowedFrom(InetAddress.getByName("192.168.2.17")));
        assertTrue(policy(false).relayAllowedFrom(InetAddress.getByName("192.168.7.30")), "a host at the site behind the tunnel");
        assertFalse(policy(false).relayAllowedFrom(InetAddress.getByName("198.51.100.7")));
        assertFalse(policy(false).relayAllowedFrom(InetAddress.getByName("192.168.3.17")));
        assertTrue(policy(true).relayAllowedFrom(InetAddress.getByName("198.51.100.7")));
    }

    @Test
    void usersMaySendAsThemselvesAndTheirAliasesOnly() {
        assertTrue(policy(false).maySendAs("anna", "anna@office.lan"));
        assertTrue(policy(false).maySendAs("anna", "Sales@Office.LAN"));
        assertFalse(policy(false).maySendAs("anna", "bob@office.lan"));
        assertFalse(policy(false).maySendAs("carol", "sales@office.lan"));
        assertFalse(policy(false).maySendAs("anna", "anna@isp.example"));
        assertFalse(policy(false).maySendAs("anna", ""));
        assertFalse(policy(false).maySendAs("anna", "a@office.lan"), "a looping alias delivers to nobody");
    }

    @Test
    void routesUsersAliasesAndOtherDomains() throws AliasLoopException {
        assertEquals(Optional.of(new Destination.Local(null, Set.of("carol"), Set.of())), router.route("Carol@office.lan"));
        assertEquals(Optional.of(new Destination.Local("anna", Set.of("anna"), Set.of("anna@isp.example"))), router.route("anna@office.lan"));
        assertEquals(Optional.of(new Destination.Remote("x@other.example")), router.route("x@other.example"));
        assertEquals(Optional.empty(), router.route("nobody@office.lan"));
        assertEquals(Optional.of(new Destination.Local("ghost", Set.of(), Set.of())), router.route("ghost@office.lan"),
                "an alias of users that do not exist delivers nowhere");
        assertThrows(AliasLoopException.class, () -> router.route("a@office.lan"));
    }

    @Test
    void addressSyntax() {
        for (String good : List.of("anna@office.lan", "a.b+c@sub.example.org", "jörg@bücher.example", "x=y@a-b.example"))
            assertTrue(RecipientRouter.validAddress(good), good);
        for (String bad : List.of("", "anna", "@office.lan", "anna@", "a b@x.example", "a@b@c.example", "a<b>@x.example",
                "a@-x.example", "a\u0000b@x.example", "x".repeat(65) + "@x.example", "a@" + "x".repeat(260)))
            assertFalse(RecipientRouter.validAddress(bad), bad);
    }
}
