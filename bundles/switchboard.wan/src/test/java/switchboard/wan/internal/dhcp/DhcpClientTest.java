package switchboard.wan.internal.dhcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import switchboard.api.dhcp.DhcpCodec;
import switchboard.api.dhcp.DhcpMessage;
import switchboard.api.dhcp.DhcpOptions;
import switchboard.api.dhcp.MessageType;
import switchboard.api.dhcp.OptionCode;
import switchboard.api.network.Cidr;

/**
 * The client's exchanges with a server, through the shared codec: every message the client sends is encoded
 * and decoded as it would be on the wire, and the server's answers are built the way a server builds them.
 */
@Timeout(5)
class DhcpClientTest {
    private static final byte[] MAC = {2, 0, 0x5e, 0x10, 0x20, 0x30};
    private static final Inet4Address SERVER = Cidr.parseIpv4("198.19.0.1");
    private static final Inet4Address OFFERED = Cidr.parseIpv4("198.19.0.50");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final DhcpClient client = new DhcpClient(MAC, Optional.empty(), new Random(1));

    @Test
    void discoversRequestsTheOfferAndIsBoundWithTheLeaseTimers() {
        DhcpMessage discover = onlySent(client.start(T0), true);
        assertEquals(MessageType.DISCOVER, type(discover));
        assertTrue(discover.broadcastFlag(), "no address yet: the answer must be broadcast");
        assertEquals(List.of(OptionCode.SUBNET_MASK, OptionCode.ROUTER, OptionCode.LEASE_TIME, OptionCode.RENEWAL_TIME, OptionCode.REBINDING_TIME),
                requested(discover), "asks for no DNS servers and no domain");

        DhcpMessage request = onlySent(client.received(reply(discover, MessageType.OFFER, OFFERED, 600), T0), true);
        assertEquals(MessageType.REQUEST, type(request));
        assertEquals(Optional.of(OFFERED), request.options().address(OptionCode.REQUESTED_ADDRESS));
        assertEquals(Optional.of(SERVER), request.options().address(OptionCode.SERVER_IDENTIFIER));
        assertEquals(discover.xid(), request.xid());

        DhcpClient.Step bound = client.received(reply(request, MessageType.ACK, OFFERED, 600), T0.plusSeconds(1));
        assertTrue(bound.leaseChanged());
        assertEquals(DhcpClient.State.BOUND, client.state());
        Lease lease = client.lease().orElseThrow();
        assertEquals(Cidr.parse("198.19.0.50/24"), lease.address());
        assertEquals(Optional.of(SERVER), lease.gateway());
        assertEquals(T0.plusSeconds(1 + 300), lease.renewAt());
        assertEquals(T0.plusSeconds(1 + 525), lease.rebindAt());
        assertEquals(T0.plusSeconds(1 + 600), lease.expiresAt());
        assertEquals(lease.renewAt(), bound.wakeAt());
    }

    @Test
    void renewsByUnicastAtT1AndRebindsByBroadcastAtT2() {
        Lease lease = bind(600);
        DhcpMessage renew = onlySent(client.wake(lease.renewAt()), false);
        assertEquals(DhcpClient.State.RENEWING, client.state());
        assertEquals(OFFERED, renew.ciaddr());
        assertFalse(renew.options().has(OptionCode.REQUESTED_ADDRESS), "RFC 2131: the address is in ciaddr only");
        assertFalse(renew.options().has(OptionCode.SERVER_IDENTIFIER));

        DhcpClient.Step renewed = client.received(reply(renew, MessageType.ACK, OFFERED, 600), lease.renewAt().plusSeconds(1));
        assertFalse(renewed.leaseChanged(), "same address and router: nothing for the network model to do");
        assertEquals(DhcpClient.State.BOUND, client.state());
        assertEquals(lease.renewAt().plusSeconds(1 + 300), renewed.wakeAt());

        Lease extended = client.lease().orElseThrow();
        client.wake(extended.renewAt());
        DhcpClient.Step rebind = client.wake(extended.rebindAt());
        assertEquals(DhcpClient.State.REBINDING, client.state());
        assertEquals(Optional.empty(), rebind.send().get(0).unicastTo(), "rebinding asks any server: broadcast");
        assertEquals(OFFERED, rebind.send().get(0).message().ciaddr());
    }

    @Test
    void aNakWhileRenewingForgetsTheAddressAndStartsAgain() {
        Lease lease = bind(600);
        DhcpMessage renew = onlySent(client.wake(lease.renewAt()), false);

        DhcpClient.Step nak = client.received(reply(renew, MessageType.NAK, DhcpMessage.ZERO, 0), lease.renewAt());
        assertTrue(nak.leaseChanged());
        assertEquals(Optional.empty(), client.lease());
        assertEquals(DhcpClient.State.INIT, client.state());
        assertTrue(client.lastEvent().startsWith("NAK from 198.19.0.1"), client.lastEvent());

        DhcpMessage discover = onlySent(client.wake(nak.wakeAt()), true);
        assertEquals(MessageType.DISCOVER, type(discover));
        assertFalse(discover.options().has(OptionCode.REQUESTED_ADDRESS), "the refused address is not asked for again");
    }

    @Test
    void aLeaseNobodyExtendsExpiresAndTheAddressIsForgotten() {
        Lease lease = bind(600);
        client.wake(lease.renewAt());
        client.wake(lease.rebindAt());

        DhcpClient.Step expired = client.wake(lease.expiresAt());
        assertTrue(expired.leaseChanged());
        assertEquals(Optional.empty(), client.lease());
        assertEquals(DhcpClient.State.SELECTING, client.state());
        assertEquals(MessageType.DISCOVER, type(expired.send().get(0).message()));
    }

    @Test
    void unansweredDiscoversAreRepeatedWithGrowingPauses() {
        DhcpClient.Step first = client.start(T0);
        assertEquals(T0.plusSeconds(2), first.wakeAt());
        assertEquals(T0.plusSeconds(2 + 4), client.wake(first.wakeAt()).wakeAt());
        Instant at = T0;
        DhcpClient.Step step = first;
        for (int i = 0; i < 10; i++) {
            at = step.wakeAt();
            step = client.wake(at);
        }
        assertEquals(Duration.ofSeconds(64), Duration.between(at, step.wakeAt()), "capped at 64 s");
        assertEquals(1, step.send().size());
    }

    @Test
    void answersToOtherExchangesOrClientsAreIgnored() {
        DhcpMessage discover = onlySent(client.start(T0), true);
        DhcpMessage offer = reply(discover, MessageType.OFFER, OFFERED, 600);
        DhcpMessage otherXid = new DhcpMessage(offer.op(), offer.htype(), 0, offer.xid() + 1, 0, 0, offer.ciaddr(), offer.yiaddr(),
                offer.siaddr(), offer.giaddr(), MAC, offer.options());
        DhcpMessage otherClient = new DhcpMessage(offer.op(), offer.htype(), 0, offer.xid(), 0, 0, offer.ciaddr(), offer.yiaddr(),
                offer.siaddr(), offer.giaddr(), new byte[] {2, 0, 0, 0, 0, 1}, offer.options());

        assertTrue(client.received(otherXid, T0).send().isEmpty());
        assertTrue(client.received(otherClient, T0).send().isEmpty());
        assertTrue(client.received(reply(discover, MessageType.ACK, OFFERED, 600), T0).send().isEmpty(), "an ACK while selecting");
        assertEquals(DhcpClient.State.SELECTING, client.state());
    }

    @Test
    void anAckWithoutLeaseTimeIsNotALease() {
        DhcpMessage discover = onlySent(client.start(T0), true);
        DhcpMessage request = onlySent(client.received(reply(discover, MessageType.OFFER, OFFERED, 600), T0), true);
        DhcpMessage ack = reply(request, MessageType.ACK, OFFERED, 600);
        DhcpOptions withoutLease = DhcpOptions.builder().messageType(MessageType.ACK).address(OptionCode.SERVER_IDENTIFIER, SERVER).build();
        DhcpMessage broken = new DhcpMessage(ack.op(), ack.htype(), 0, ack.xid(), 0, 0, ack.ciaddr(), ack.yiaddr(), ack.siaddr(),
                ack.giaddr(), MAC, withoutLease);

        assertFalse(client.received(broken, T0).leaseChanged());
        assertEquals(DhcpClient.State.REQUESTING, client.state());
        assertTrue(client.lastEvent().contains("option 51"), client.lastEvent());
    }

    private Lease bind(long seconds) {
        DhcpMessage discover = onlySent(client.start(T0), true);
        DhcpMessage request = onlySent(client.received(reply(discover, MessageType.OFFER, OFFERED, seconds), T0), true);
        client.received(reply(request, MessageType.ACK, OFFERED, seconds), T0);
        return client.lease().orElseThrow();
    }

    /** The one message of a step, as a server decodes it; checks where it goes. */
    private static DhcpMessage onlySent(DhcpClient.Step step, boolean broadcast) {
        assertEquals(1, step.send().size(), step.toString());
        DhcpClient.Outbound out = step.send().get(0);
        assertEquals(broadcast ? Optional.empty() : Optional.of(SERVER), out.unicastTo());
        return roundTrip(out.message());
    }

    /** A server's answer as dnsmasq sends it: mask, router, DNS server and domain (which the client must not use). */
    private static DhcpMessage reply(DhcpMessage request, MessageType type, Inet4Address yiaddr, long leaseSeconds) {
        DhcpOptions.Builder o = DhcpOptions.builder().messageType(type).address(OptionCode.SERVER_IDENTIFIER, SERVER);
        if (type != MessageType.NAK)
            o.uint32(OptionCode.LEASE_TIME, leaseSeconds).address(OptionCode.SUBNET_MASK, Cidr.parseIpv4("255.255.255.0"))
                    .address(OptionCode.ROUTER, SERVER).address(OptionCode.DOMAIN_NAME_SERVER, Cidr.parseIpv4("198.19.0.53"))
                    .string(OptionCode.DOMAIN_NAME, "isp.example");
        else o.string(OptionCode.MESSAGE, "address not available");
        return roundTrip(new DhcpMessage(DhcpMessage.BOOTREPLY, DhcpMessage.HTYPE_ETHERNET, 0, request.xid(), 0, request.flags(),
                request.ciaddr(), yiaddr, SERVER, DhcpMessage.ZERO, request.hardwareAddress(), o.build()));
    }

    private static DhcpMessage roundTrip(DhcpMessage m) {
        try {
            return DhcpCodec.decode(DhcpCodec.encode(m));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static MessageType type(DhcpMessage m) {
        return m.options().messageType().orElseThrow();
    }

    private static List<Integer> requested(DhcpMessage m) {
        byte[] list = m.options().bytes(OptionCode.PARAMETER_REQUEST_LIST).orElseThrow();
        return java.util.stream.IntStream.range(0, list.length).mapToObj(i -> list[i] & 0xff).toList();
    }
}
