package switchboard.core.internal.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The interface-bound socket, on the loopback interface (needs root for SO_BINDTODEVICE). */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DeviceUdpSocketTest {
    @BeforeEach
    void needsRoot() {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "SO_BINDTODEVICE needs root");
    }

    private static EndpointKey onLoopback(int port) {
        return new EndpointKey("0.0.0.0", port, "lo");
    }

    @Test
    void receivesWithTheSenderAndRepliesToIt() throws IOException {
        int port = BrokerHarness.freeUdpPort();
        UdpSocket socket = UdpSocket.open(onLoopback(port));
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress(BrokerHarness.LOOPBACK, 0))) {
            client.setSoTimeout(5_000);
            byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
            client.send(new DatagramPacket(hello, hello.length, new InetSocketAddress(BrokerHarness.LOOPBACK, port)));
            DatagramPacket in = new DatagramPacket(new byte[100], 100);
            long deadline = System.currentTimeMillis() + 5_000;
            boolean received = false;
            while (!received && System.currentTimeMillis() < deadline) received = socket.receive(in) != null;
            assertTrue(received, "the datagram arrives");
            assertEquals("hello", new String(in.getData(), 0, in.getLength(), StandardCharsets.US_ASCII));
            assertEquals(client.getLocalPort(), ((InetSocketAddress) in.getSocketAddress()).getPort());

            byte[] reply = "back".getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(reply, 1, 3, in.getSocketAddress()));
            DatagramPacket answer = new DatagramPacket(new byte[100], 100);
            client.receive(answer);
            assertEquals("ack", new String(answer.getData(), 0, answer.getLength(), StandardCharsets.US_ASCII));
        } finally {
            socket.close();
        }
    }

    @Test
    void receiveTimesOutAndCloseEndsIt() throws IOException {
        UdpSocket socket = UdpSocket.open(onLoopback(BrokerHarness.freeUdpPort()));
        long start = System.nanoTime();
        assertNull(socket.receive(new DatagramPacket(new byte[10], 10)));
        assertTrue(System.nanoTime() - start < 3_000_000_000L, "the wait is bounded by the poll interval");
        socket.close();
        assertNull(socket.receive(new DatagramPacket(new byte[10], 10)));
        assertThrows(IOException.class, () -> socket.send(new DatagramPacket(new byte[1], 1, new InetSocketAddress(BrokerHarness.LOOPBACK, 9))));
    }

    @Test
    void unknownInterfaceIsNamedInTheError() {
        IOException e = assertThrows(IOException.class, () -> UdpSocket.open(new EndpointKey("0.0.0.0", 6767, "nosuchif0")));
        assertTrue(e.getMessage().contains("nosuchif0"), e.getMessage());
    }
}
