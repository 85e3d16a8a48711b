package switchboard.dhcp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static switchboard.dhcp.internal.Clients.SERVER;

import java.net.Inet4Address;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import switchboard.api.dhcp.DhcpMessage;
import switchboard.api.dhcp.MessageType;
import switchboard.api.dhcp.OptionCode;
import switchboard.api.network.Cidr;

class DhcpResponderTest {
    private final LeaseTable table = new LeaseTable();
    private final DhcpStats stats = new DhcpStats();
    private final DhcpResponder responder = new DhcpResponder(table, stats);
    private ServerPlan plan;
    private long now = 1_000_000_000L;

    DhcpResponderTest() throws Exception {
        plan = Clients.plan(List.of());
    }

    private DhcpResponder.Outcome send(DhcpMessage m) {
        return responder.respond(m, plan, Optional.empty(), now);
    }

    private DhcpMessage answer(DhcpMessage m, MessageType expected) {
        DhcpMessage reply = send(m).reply().orElseThrow().message();
        assertEquals(expected, reply.options().messageType().orElseThrow());
        return reply;
    }

    /** Full DORA; returns the ACK. */
    private DhcpMessage lease(int n, String hostname) {
        Inet4Address offered = answer(Clients.discover(n), MessageType.OFFER).yiaddr();
        return answer(Clients.select(n, offered, hostname), MessageType.ACK);
    }

    @Test
    void doraHandsOutThePoolWithTheLanOptions() {
        DhcpMessage ack = lease(1, "laptop");
        assertEquals("192.168.2.1", ack.yiaddr().getHostAddress());
        assertEquals("255.255.255.0", ack.options().address(OptionCode.SUBNET_MASK).orElseThrow().getHostAddress());
        assertEquals(SERVER, ack.options().addresses(OptionCode.ROUTER).get(0));
        assertEquals(SERVER, ack.options().addresses(OptionCode.DOMAIN_NAME_SERVER).get(0));
        assertEquals(SERVER, ack.options().addresses(OptionCode.NTP_SERVERS).get(0));
        assertEquals(SERVER, ack.options().address(OptionCode.SERVER_IDENTIFIER).orElseThrow());
        assertEquals("office.lan", ack.options().string(OptionCode.DOMAIN_NAME).orElseThrow());
        assertEquals(86_400L, ack.options().uint32(OptionCode.LEASE_TIME).orElseThrow());
        assertEquals(43_200L, ack.options().uint32(OptionCode.RENEWAL_TIME).orElseThrow());
        assertEquals(75_600L, ack.options().uint32(OptionCode.REBINDING_TIME).orElseThrow());
        assertEquals(0x1001, ack.xid());
        assertEquals(DhcpMessage.BOOTREPLY, ack.op());
    }

    @Test
    void ackIsJournaledAndRegistersTheHostname() {
        Inet4Address offered = answer(Clients.discover(1), MessageType.OFFER).yiaddr();
        DhcpResponder.Outcome outcome = send(Clients.select(1, offered, "Laptop"));
        assertEquals(1, outcome.journal().size());
        assertTrue(outcome.journal().get(0).startsWith("B hw:02:00:5e:00:00:01 02:00:5e:00:00:01 192.168.2.1 "));
        assertEquals("laptop", outcome.dns().get(0).hostname());
    }

    @Test
    void everyClientGetsItsOwnAddressAndRenewKeepsIt() {
        Set<Inet4Address> seen = new HashSet<>();
        for (int n = 1; n <= 50; n++) assertTrue(seen.add(lease(n, null).yiaddr()));
        Inet4Address first = table.forClient("hw:02:00:5e:00:00:01").orElseThrow().address();
        now += 43_200_000L;
        DhcpResponder.Outcome renewed = send(Clients.renew(1, first));
        DhcpMessage ack = renewed.reply().orElseThrow().message();
        assertEquals(first, ack.yiaddr());
        assertEquals(first, ack.ciaddr());
        assertEquals(first, renewed.reply().orElseThrow().target().getAddress(), "a renewing client gets a unicast");
        assertEquals(now + 86_400_000L, table.forClient("hw:02:00:5e:00:00:01").orElseThrow().expiresAt());
    }

    @Test
    void poolSkipsThisBoxAndRunsOut() throws Exception {
        plan = ServerPlan.of("veth0", DhcpSettings.read(java.util.Map.of("pool.start", "192.168.2.252", "pool.end", "192.168.2.254")),
                Clients.lan(switchboard.api.network.NetworkMode.NAT), List.of());
        assertEquals("192.168.2.252", lease(1, null).yiaddr().getHostAddress());
        assertEquals("192.168.2.253", lease(2, null).yiaddr().getHostAddress());
        assertTrue(send(Clients.discover(3)).reply().isEmpty(), "no address left: the box's own is never handed out");
        assertEquals(1, stats.poolExhausted.get());
    }

    @Test
    void releaseFreesTheAddressForOthersButTheClientGetsItBackFirst() {
        Inet4Address a = lease(1, "pc").yiaddr();
        DhcpResponder.Outcome released = send(Clients.release(1, a));
        assertTrue(released.reply().isEmpty());
        assertTrue(released.dns().get(0).removal());
        assertTrue(released.journal().get(0).startsWith("R "));
        assertFalse(table.forClient("hw:02:00:5e:00:00:01").orElseThrow().activeAt(now));
        assertEquals(a, lease(1, null).yiaddr(), "the same client gets its old address back");
    }

    @Test
    void declinedAddressIsQuarantined() {
        Inet4Address a = lease(1, null).yiaddr();
        DhcpResponder.Outcome declined = send(Clients.decline(1, a));
        assertTrue(declined.journal().get(0).startsWith("D " + a.getHostAddress()));
        assertNotEquals(a, lease(1, null).yiaddr());
        assertNotEquals(a, lease(2, null).yiaddr());
    }

    @Test
    void wrongOrForeignAddressesAreRefused() {
        Inet4Address a = lease(1, null).yiaddr();
        assertEquals(MessageType.NAK, send(Clients.initReboot(2, a)).reply().orElseThrow().message().options().messageType().orElseThrow(),
                "another client's address");
        DhcpResponder.Outcome nak = send(Clients.initReboot(3, Cidr.parseIpv4("10.1.1.1")));
        assertEquals(DhcpResponder.BROADCAST, nak.reply().orElseThrow().target().getAddress(), "a NAK is broadcast");
        assertEquals(MessageType.ACK, send(Clients.initReboot(1, a)).reply().orElseThrow().message().options().messageType().orElseThrow(),
                "its own address after a reboot");
    }

    @Test
    void anOfferMadeBeforeAnUpdateIsHonouredWhenTheAddressIsStillFree() {
        Inet4Address taken = lease(1, null).yiaddr();
        Inet4Address free = Cidr.parseIpv4("192.168.2.77");
        assertEquals(free, answer(Clients.select(2, free, null), MessageType.ACK).yiaddr(), "no record of the offer, address free");
        assertEquals(MessageType.NAK, send(Clients.select(3, taken, null)).reply().orElseThrow().message().options().messageType()
                .orElseThrow(), "another client's address");
        Inet4Address offered = answer(Clients.discover(4), MessageType.OFFER).yiaddr();
        assertNotEquals(free, offered);
        assertEquals(MessageType.NAK, send(Clients.select(4, Cidr.parseIpv4("192.168.2.78"), null)).reply().orElseThrow().message()
                .options().messageType().orElseThrow(), "a client offered another address here selects that one");
    }

    @Test
    void clientChoosingAnotherServerIsNotedAndItsOfferFreed() {
        answer(Clients.discover(1), MessageType.OFFER);
        DhcpMessage other = Clients.message(1, MessageType.REQUEST, DhcpMessage.ZERO, switchboard.api.dhcp.DhcpOptions.builder()
                .address(OptionCode.SERVER_IDENTIFIER, Cidr.parseIpv4("192.168.2.1"))
                .address(OptionCode.REQUESTED_ADDRESS, Cidr.parseIpv4("192.168.2.50")));
        assertTrue(send(other).reply().isEmpty());
        long hold = plan.foreignServerHoldSeconds() * 1000L;
        assertEquals(Map.of(Cidr.parseIpv4("192.168.2.1"), now), stats.foreignServers(now + hold, hold));
        assertTrue(table.forClient("hw:02:00:5e:00:00:01").isEmpty());
        assertEquals(Map.of(), stats.foreignServers(now + hold + 1, hold), "forgotten once the hold time has passed without a sighting");
    }

    @Test
    void aForeignServerSeenAgainAfterItsHoldTimeIsNewAgain() {
        Inet4Address other = Cidr.parseIpv4("192.168.2.1");
        assertTrue(stats.foreignServer(other, now, 10_000), "first sighting");
        assertFalse(stats.foreignServer(other, now + 10_000, 10_000), "within the hold time");
        assertTrue(stats.foreignServer(other, now + 20_001, 10_000), "after a quiet hold time");
    }

    @Test
    void reservationWinsOverThePool() throws Exception {
        plan = Clients.plan(List.of(Reservation.parse("02-00-5E-00-00-07", "192.168.2.200", "printer")));
        DhcpMessage ack = lease(7, "whatever");
        assertEquals("192.168.2.200", ack.yiaddr().getHostAddress());
        assertEquals("printer", table.forClient("hw:02:00:5e:00:00:07").orElseThrow().hostname());
        assertEquals(MessageType.NAK, send(Clients.initReboot(8, Cidr.parseIpv4("192.168.2.200"))).reply().orElseThrow()
                .message().options().messageType().orElseThrow(), "nobody else gets the reserved address");
    }

    @Test
    void informGetsOptionsWithoutALease() {
        DhcpMessage ack = answer(Clients.message(9, MessageType.INFORM, Cidr.parseIpv4("192.168.2.150"), switchboard.api.dhcp.DhcpOptions.builder()),
                MessageType.ACK);
        assertEquals(DhcpMessage.ZERO, ack.yiaddr());
        assertFalse(ack.options().has(OptionCode.LEASE_TIME));
        assertTrue(ack.options().has(OptionCode.ROUTER));
    }

    @Test
    void expiredLeaseGoesBackToThePool() throws Exception {
        plan = ServerPlan.of("veth0", DhcpSettings.read(java.util.Map.of("pool.start", "192.168.2.10", "pool.end", "192.168.2.10", "lease.time", "60")),
                Clients.lan(switchboard.api.network.NetworkMode.NAT), List.of());
        lease(1, "a");
        assertTrue(send(Clients.discover(2)).reply().isEmpty());
        now += 61_000;
        assertEquals(1, table.expire(now).size());
        assertEquals("192.168.2.10", lease(2, null).yiaddr().getHostAddress());
    }
}
