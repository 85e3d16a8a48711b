package switchboard.dhcp.internal;

import java.net.Inet4Address;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import switchboard.api.config.InvalidConfigurationException;
import switchboard.api.dhcp.DhcpMessage;
import switchboard.api.dhcp.DhcpOptions;
import switchboard.api.dhcp.MessageType;
import switchboard.api.dhcp.OptionCode;
import switchboard.api.network.Cidr;
import switchboard.api.network.NetworkMode;
import switchboard.api.network.NetworkSettings;
import switchboard.api.network.WanMode;

/** Client messages and a LAN for the protocol tests. */
final class Clients {
    static final Inet4Address SERVER = Cidr.parseIpv4("192.168.2.254");

    private Clients() {}

    static NetworkSettings lan(NetworkMode mode) {
        return new NetworkSettings(1, "veth0", Cidr.parse("192.168.2.254/24"), "office.lan", WanMode.STATIC,
                Optional.of(Cidr.parse("203.0.113.10/24")), Optional.of(Cidr.parseIpv4("203.0.113.1")),
                List.of(Cidr.parseIpv4("9.9.9.9")), mode);
    }

    static ServerPlan plan(List<Reservation> reservations) throws InvalidConfigurationException {
        return ServerPlan.of("veth0", DhcpSettings.defaults(), lan(NetworkMode.NAT), reservations);
    }

    static byte[] mac(int n) {
        return HexFormat.of().parseHex(String.format("02005e0000%02x", n));
    }

    static DhcpMessage message(int n, MessageType type, Inet4Address ciaddr, DhcpOptions.Builder options) {
        return new DhcpMessage(DhcpMessage.BOOTREQUEST, DhcpMessage.HTYPE_ETHERNET, 0, 0x1000 + n, 0, 0, ciaddr,
                DhcpMessage.ZERO, DhcpMessage.ZERO, DhcpMessage.ZERO, mac(n), options.messageType(type).build());
    }

    static DhcpMessage discover(int n) {
        return message(n, MessageType.DISCOVER, DhcpMessage.ZERO, DhcpOptions.builder());
    }

    static DhcpMessage select(int n, Inet4Address offered, String hostname) {
        DhcpOptions.Builder b = DhcpOptions.builder().address(OptionCode.SERVER_IDENTIFIER, SERVER)
                .address(OptionCode.REQUESTED_ADDRESS, offered);
        if (hostname != null) b.string(OptionCode.HOST_NAME, hostname);
        return message(n, MessageType.REQUEST, DhcpMessage.ZERO, b);
    }

    static DhcpMessage renew(int n, Inet4Address address) {
        return message(n, MessageType.REQUEST, address, DhcpOptions.builder());
    }

    static DhcpMessage initReboot(int n, Inet4Address address) {
        return message(n, MessageType.REQUEST, DhcpMessage.ZERO, DhcpOptions.builder().address(OptionCode.REQUESTED_ADDRESS, address));
    }

    static DhcpMessage release(int n, Inet4Address address) {
        return message(n, MessageType.RELEASE, address, DhcpOptions.builder().address(OptionCode.SERVER_IDENTIFIER, SERVER));
    }

    static DhcpMessage decline(int n, Inet4Address address) {
        return message(n, MessageType.DECLINE, DhcpMessage.ZERO, DhcpOptions.builder()
                .address(OptionCode.SERVER_IDENTIFIER, SERVER).address(OptionCode.REQUESTED_ADDRESS, address));
    }
}
