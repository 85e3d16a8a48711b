package switchboard.core.internal.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WildcardUdpSocketTest {

    /** A client connected to one address accepts answers from that address only, as dig and most phones do. */
    @Test
    void aQuestionToAnyLocalAddressIsAnsweredFromThatAddress() throws IOException {
        Optional<InetAddress> other = nonLoopbackAddress();
        assumeTrue(other.isPresent(), "this host has no address besides loopback");
        int port = BrokerHarness.freeUdpPort();
        UdpSocket socket = UdpSocket.open(new EndpointKey("0.0.0.0", port));
        try {
            for (InetAddress asked : new InetAddress[] {other.get(), BrokerHarness.LOOPBACK}) {
                InetSocketAddress server = new InetSocketAddress(asked, port);
                try (DatagramChannel client = DatagramChannel.open().bind(new InetSocketAddress(BrokerHarness.LOOPBACK, 0)).connect(server)) {
                    client.write(ByteBuffer.wrap("question".getBytes(StandardCharsets.US_ASCII)));
                    DatagramPacket in = new DatagramPacket(new byte[100], 100);
                    InetSocketAddress local = receive(socket, in);
                    assertEquals(asked.isLoopbackAddress() ? new InetSocketAddress("0.0.0.0", port) : server, local,
                            "where " + asked.getHostAddress() + " arrived: loopback on the wildcard socket, others on their own");
                    byte[] answer = "answer".getBytes(StandardCharsets.US_ASCII);
                    socket.send(new DatagramPacket(answer, answer.length, in.getSocketAddress()));
                    client.socket().setSoTimeout(5_000);
                    DatagramPacket back = new DatagramPacket(new byte[100], 100);
                    client.socket().receive(back);
                    assertEquals("answer", new String(back.getData(), 0, back.getLength(), StandardCharsets.US_ASCII));
                    assertEquals(server, back.getSocketAddress(), "the answer comes from the address asked");
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("no answer from " + server + " (a reply from another address is dropped)", e);
                }
            }
        } finally {
            socket.close();
        }
    }

    private static InetSocketAddress receive(UdpSocket socket, DatagramPacket packet) throws IOException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        InetSocketAddress local = null;
        while (local == null && System.nanoTime() < deadline) local = socket.receive(packet);
        assertNotNull(local, "the datagram arrives");
        return local;
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) continue;
            for (InetAddress a : Collections.list(nic.getInetAddresses())) if (a instanceof Inet4Address) return Optional.of(a);
        }
        return Optional.empty();
    }
}
