package switchboard.wan.internal.dhcp;

import java.net.Inet4Address;
import java.util.Optional;
import switchboard.api.dhcp.DhcpMessage;
import switchboard.api.dhcp.DhcpOptions;
import switchboard.api.dhcp.MessageType;
import switchboard.api.dhcp.OptionCode;

/**
 * The client's messages (RFC 2131 table 5). Every message carries the client identifier (type 1 and the
 * hardware address) and asks only for mask, router and timers: DNS servers and domain are never requested.
 * Messages sent without an address set the BROADCAST flag, since the client cannot receive unicast yet.
 */
final class ClientMessages {
    private static final byte[] REQUESTED = {OptionCode.SUBNET_MASK, OptionCode.ROUTER, OptionCode.LEASE_TIME,
            OptionCode.RENEWAL_TIME, OptionCode.REBINDING_TIME};
    private static final int MAX_MESSAGE_SIZE = 1500;

    private final byte[] hardwareAddress;

    ClientMessages(byte[] hardwareAddress) {
        this.hardwareAddress = hardwareAddress.clone();
    }

    DhcpMessage discover(int xid, int secs, Optional<Inet4Address> previous) {
        DhcpOptions.Builder o = options(MessageType.DISCOVER);
        previous.ifPresent(a -> o.address(OptionCode.REQUESTED_ADDRESS, a));
        return message(xid, secs, DhcpMessage.ZERO, true, o);
    }

    /** SELECTING: accepts the offer of {@code server}. */
    DhcpMessage select(int xid, int secs, Inet4Address offered, Inet4Address server) {
        DhcpOptions.Builder o = options(MessageType.REQUEST).address(OptionCode.REQUESTED_ADDRESS, offered)
                .address(OptionCode.SERVER_IDENTIFIER, server);
        return message(xid, secs, DhcpMessage.ZERO, true, o);
    }

    /** RENEWING (unicast to the server) and REBINDING (broadcast): the leased address in ciaddr, nothing else. */
    DhcpMessage extend(int xid, int secs, Inet4Address leased) {
        return message(xid, secs, leased, false, options(MessageType.REQUEST));
    }

    private DhcpOptions.Builder options(MessageType type) {
        return DhcpOptions.builder().messageType(type).bytes(OptionCode.CLIENT_IDENTIFIER, clientId())
                .uint16(OptionCode.MAX_MESSAGE_SIZE, MAX_MESSAGE_SIZE).bytes(OptionCode.PARAMETER_REQUEST_LIST, REQUESTED);
    }

    private byte[] clientId() {
        byte[] id = new byte[hardwareAddress.length + 1];
        id[0] = DhcpMessage.HTYPE_ETHERNET;
        System.arraycopy(hardwareAddress, 0, id, 1, hardwareAddress.length);
        return id;
    }

    private DhcpMessage message(int xid, int secs, Inet4Address ciaddr, boolean broadcast, DhcpOptions.Builder options) {
        return new DhcpMessage(DhcpMessage.BOOTREQUEST, DhcpMessage.HTYPE_ETHERNET, 0, xid, Math.min(secs, 0xffff),
                broadcast ? DhcpMessage.BROADCAST_FLAG : 0, ciaddr, DhcpMessage.ZERO, DhcpMessage.ZERO, DhcpMessage.ZERO,
                hardwareAddress, options.build());
    }
}
