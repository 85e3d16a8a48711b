package switchboard.audit.internal.view;

import java.net.InetAddress;

/** A socket that accepts traffic: a listening TCP socket or an unconnected UDP socket. */
public record Listener(PortSpec.Protocol protocol, InetAddress address, int port) {
    public boolean wildcard() {
        return address.isAnyLocalAddress();
    }

    @Override
    public String toString() {
        return address.getHostAddress() + ":" + port + "/" + protocol.key();
    }
}
