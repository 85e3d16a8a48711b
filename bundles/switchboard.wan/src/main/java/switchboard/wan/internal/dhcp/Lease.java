package switchboard.wan.internal.dhcp;

import java.net.Inet4Address;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import switchboard.api.dhcp.DhcpMessage;
import switchboard.api.dhcp.DhcpOptions;
import switchboard.api.dhcp.OptionCode;
import switchboard.api.network.Cidr;

/**
 * A WAN address leased from the ISP's DHCP server: address with prefix, router, the server that granted it
 * and its timers (RFC 2131 section 4.4.5). DNS servers and domain name the ISP offers are deliberately not
 * part of it: the office's own settings name them.
 */
public record Lease(Cidr address, Optional<Inet4Address> gateway, Inet4Address server, Instant obtained,
        Duration leaseTime, Duration renewAfter, Duration rebindAfter) {

    /** 0xffffffff seconds: a lease that never expires. */
    private static final long INFINITE = 0xffffffffL;

    public Instant renewAt() {
        return obtained.plus(renewAfter);
    }

    public Instant rebindAt() {
        return obtained.plus(rebindAfter);
    }

    public Instant expiresAt() {
        return obtained.plus(leaseTime);
    }

    /**
     * Reads the lease an ACK grants. T1 and T2 default to 1/2 and 7/8 of the lease time and are kept in order
     * (T1 &le; T2 &le; lease) whatever the server sends; a missing subnet mask means the address's natural class.
     *
     * @throws IllegalArgumentException when the ACK lacks the address, server identifier or lease time
     */
    static Lease fromAck(DhcpMessage ack, Instant now) {
        DhcpOptions o = ack.options();
        if (ack.yiaddr().equals(DhcpMessage.ZERO)) throw new IllegalArgumentException("no address (yiaddr 0.0.0.0)");
        Inet4Address server = o.address(OptionCode.SERVER_IDENTIFIER)
                .orElseThrow(() -> new IllegalArgumentException("no server identifier (option 54)"));
        long lease = o.uint32(OptionCode.LEASE_TIME).orElseThrow(() -> new IllegalArgumentException("no lease time (option 51)"));
        long seconds = lease == INFINITE ? Duration.ofDays(365 * 100).toSeconds() : lease;
        long rebind = Math.min(o.uint32(OptionCode.REBINDING_TIME).orElse(seconds * 7 / 8), seconds);
        long renew = Math.min(o.uint32(OptionCode.RENEWAL_TIME).orElse(seconds / 2), rebind);
        int prefix = o.address(OptionCode.SUBNET_MASK).map(Lease::prefixOf).orElseGet(() -> naturalPrefix(ack.yiaddr()));
        Optional<Inet4Address> gateway = o.addresses(OptionCode.ROUTER).stream().findFirst();
        return new Lease(new Cidr(ack.yiaddr(), prefix), gateway, server, now,
                Duration.ofSeconds(seconds), Duration.ofSeconds(renew), Duration.ofSeconds(rebind));
    }

    private static int prefixOf(Inet4Address mask) {
        int bits = Cidr.toInt(mask);
        int prefix = Integer.bitCount(bits);
        if (prefix != 0 && bits != -1 << (32 - prefix)) throw new IllegalArgumentException(mask.getHostAddress() + " is not a subnet mask");
        return prefix;
    }

    private static int naturalPrefix(Inet4Address address) {
        int first = address.getAddress()[0] & 0xff;
        return first < 128 ? 8 : first < 192 ? 16 : 24;
    }
}
