package switchboard.core.internal.broker;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/**
 * A UDP socket bound to an address, receiving from every interface. The channel stays non-blocking and waits
 * in a selector only when nothing is there, so under load a datagram costs one receive call (a blocking socket
 * with a timeout switches its mode twice and polls for every datagram).
 */
final class JdkUdpSocket implements UdpSocket {
    private final DatagramChannel channel;
    private final Selector selector;
    private final InetSocketAddress local;

    JdkUdpSocket(EndpointKey key) throws IOException {
        selector = Selector.open();
        channel = DatagramChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
            channel.bind(key.socketAddress());
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
        } catch (IOException e) {
            close();
            throw e;
        }
        local = (InetSocketAddress) channel.getLocalAddress();
    }

    @Override
    public InetSocketAddress receive(DatagramPacket packet) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(packet.getData());
        SocketAddress from = channel.receive(buffer);
        if (from == null) {
            selector.select(BrokeredEndpoint.POLL_MILLIS);
            selector.selectedKeys().clear();
            if (!channel.isOpen()) return null;
            from = channel.receive(buffer);
            if (from == null) return null;
        }
        packet.setLength(buffer.position());
        packet.setSocketAddress(from);
        return local;
    }

    @Override
    public void send(DatagramPacket packet) throws IOException {
        UdpSocket.sendFully(channel, ByteBuffer.wrap(packet.getData(), packet.getOffset(), packet.getLength()), packet.getSocketAddress());
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // the socket is gone either way
        }
        try {
            selector.close();
        } catch (IOException e) {
            // nothing else holds it
        }
    }
}
