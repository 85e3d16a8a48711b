package switchboard.audit.internal.view;

import java.net.InetAddress;

/** A socket that accepts traffic: a listening TCP socket or an unconnected UDP socket. */
public record Listener(PortSpec.Protocol protocol, InetAddress address, int port) {
    public boolean wildcard() {
        return address.isAnyLocalAddress();
    }

    /** {@code address:port/protocol}, {@code *} for all addresses (IPv4 and IPv6 alike). */
    @Override
    public String toString() {
        return (wildcard() ? "*" : address.getHostAddress()) + ":" + port + "/" + protocol.key();
    }
}
