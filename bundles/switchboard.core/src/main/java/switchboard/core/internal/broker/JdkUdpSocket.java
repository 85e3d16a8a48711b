package switchboard.core.internal.broker;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;

/** A UDP socket bound to an address, receiving from every interface. */
final class JdkUdpSocket implements UdpSocket {
    private final DatagramSocket socket;

    JdkUdpSocket(EndpointKey key) throws IOException {
        socket = new DatagramSocket(null);
        socket.setReuseAddress(true);
        socket.setReceiveBufferSize(1 << 20);
        socket.bind(key.socketAddress());
        socket.setSoTimeout(BrokeredEndpoint.POLL_MILLIS);
    }

    @Override
    public InetSocketAddress receive(DatagramPacket packet) throws IOException {
        try {
            socket.receive(packet);
            return (InetSocketAddress) socket.getLocalSocketAddress();
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    @Override
    public void send(DatagramPacket packet) throws IOException {
        socket.send(packet);
    }


    @Override
    public void close() {
        socket.close();
    }
}
