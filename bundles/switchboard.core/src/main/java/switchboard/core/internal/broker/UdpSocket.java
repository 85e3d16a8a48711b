package switchboard.core.internal.broker;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;

/** The socket under a UDP endpoint: a plain JDK socket, or one tied to a network interface. */
interface UdpSocket {
    /** Waits up to {@link BrokeredEndpoint#POLL_MILLIS} for a datagram; false on timeout. */
    boolean receive(DatagramPacket packet) throws IOException;

    void send(DatagramPacket packet) throws IOException;

    InetSocketAddress localAddress();

    void close();

    static UdpSocket open(EndpointKey key) throws IOException {
        return key.interfaceName().isEmpty() ? new JdkUdpSocket(key) : new DeviceUdpSocket(key);
    }
}
