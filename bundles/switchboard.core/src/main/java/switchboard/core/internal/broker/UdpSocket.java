package switchboard.core.internal.broker;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.locks.LockSupport;

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

    /** A non-blocking channel takes nothing while the send buffer is full: wait briefly (up to 20 ms) rather than drop. */
    static void sendFully(DatagramChannel channel, ByteBuffer payload, SocketAddress target) throws IOException {
        for (int attempt = 0; channel.send(payload, target) == 0; attempt++) {
            if (attempt == 200) throw new IOException("send buffer full, datagram to " + target + " dropped");
            LockSupport.parkNanos(100_000);
        }
    }

    static UdpSocket open(EndpointKey key) throws IOException {
        if (!key.interfaceName().isEmpty()) return new DeviceUdpSocket(key);
        return key.address().equals("0.0.0.0") ? new WildcardUdpSocket(key) : new JdkUdpSocket(key);
    }
}
