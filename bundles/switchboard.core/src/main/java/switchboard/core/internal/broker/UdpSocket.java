package switchboard.core.internal.broker;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;

/** The socket under a UDP endpoint: a plain JDK socket, one on the wildcard address answering from the address asked, or one tied to a
 * network interface. */
interface UdpSocket {
    /**
     * Waits up to {@link BrokeredEndpoint#POLL_MILLIS} for a datagram.
     *
     * @return the local address it was sent to, null on timeout
     */
    InetSocketAddress receive(DatagramPacket packet) throws IOException;

    void send(DatagramPacket packet) throws IOException;

    void close();

    static UdpSocket open(EndpointKey key) throws IOException {
        if (!key.interfaceName().isEmpty()) return new DeviceUdpSocket(key);
        return key.address().equals("0.0.0.0") ? new WildcardUdpSocket(key) : new JdkUdpSocket(key);
    }
}
