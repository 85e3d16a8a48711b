package switchboard.wan.internal.dhcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import switchboard.api.dhcp.DhcpMessage;
import switchboard.api.dhcp.DhcpOptions;
import switchboard.api.dhcp.MessageType;
import switchboard.api.dhcp.OptionCode;
import switchboard.api.network.Cidr;

@Timeout(5)
class LeaseTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void timersTheServerSetsAreKeptInOrder() {
        Lease l = Lease.fromAck(ack(options().uint32(OptionCode.LEASE_TIME, 100).uint32(OptionCode.RENEWAL_TIME, 500)
                .uint32(OptionCode.REBINDING_TIME, 90)), NOW);
        assertEquals(Duration.ofSeconds(90), l.rebindAfter());
        assertEquals(Duration.ofSeconds(90), l.renewAfter(), "T1 never after T2");
    }

    @Test
    void withoutAMaskTheAddressClassGivesThePrefix() {
        assertEquals(Cidr.parse("198.19.0.50/24"), Lease.fromAck(ack(options().uint32(OptionCode.LEASE_TIME, 100)), NOW).address());
    }

    @Test
    void anInfiniteLeaseDoesNotOverflow() {
        Lease l = Lease.fromAck(ack(options().uint32(OptionCode.LEASE_TIME, 0xffffffffL)), NOW);
        assertEquals(NOW.plus(Duration.ofDays(36500)), l.expiresAt());
    }

    @Test
    void refusesWhatCannotBeALease() {
        assertThrows(IllegalArgumentException.class, () -> Lease.fromAck(ack(options()), NOW), "no lease time");
        assertThrows(IllegalArgumentException.class, () -> Lease.fromAck(ack(DhcpOptions.builder().messageType(MessageType.ACK)
                .uint32(OptionCode.LEASE_TIME, 100)), NOW), "no server identifier");
        assertThrows(IllegalArgumentException.class, () -> Lease.fromAck(ack(options().uint32(OptionCode.LEASE_TIME, 100)
                .address(OptionCode.SUBNET_MASK, Cidr.parseIpv4("255.0.255.0"))), NOW), "not a mask");
    }

    private static DhcpOptions.Builder options() {
        return DhcpOptions.builder().messageType(MessageType.ACK).address(OptionCode.SERVER_IDENTIFIER, Cidr.parseIpv4("198.19.0.1"));
    }

    private static DhcpMessage ack(DhcpOptions.Builder options) {
        return new DhcpMessage(DhcpMessage.BOOTREPLY, 1, 0, 7, 0, 0, DhcpMessage.ZERO, Cidr.parseIpv4("198.19.0.50"), DhcpMessage.ZERO,
                DhcpMessage.ZERO, new byte[6], options.build());
    }
}
