package switchboard.core.internal.broker;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** A loopback UDP client that talks text to one port. */
final class UdpClient implements AutoCloseable {
    final DatagramSocket socket;
    private final InetSocketAddress server;
    /** The port the last reply came from. */
    int replyPort;

    UdpClient(int serverPort) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(BrokerHarness.LOOPBACK, 0));
        socket.setSoTimeout((int) BrokerHarness.WAIT_MILLIS);
        server = new InetSocketAddress(BrokerHarness.LOOPBACK, serverPort);
    }

    void send(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, server));
    }

    String receive() throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        socket.receive(packet);
        replyPort = packet.getPort();
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        socket.close();
    }
}
