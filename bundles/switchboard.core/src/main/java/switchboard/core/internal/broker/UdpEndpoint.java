package switchboard.core.internal.broker;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Deque;
import switchboard.api.broker.Datagram;
import switchboard.api.broker.DatagramHandler;
import switchboard.api.broker.DatagramSender;
import switchboard.api.broker.EndpointStatus;

/** A UDP socket; the payload passed to a handler is only valid during the call. */
final class UdpEndpoint extends BrokeredEndpoint<DatagramHandler, Datagram> implements DatagramSender {
    private static final int MAX_DATAGRAM = 65535;
    private final UdpSocket socket;
    private final DatagramPacket packet = new DatagramPacket(new byte[MAX_DATAGRAM], MAX_DATAGRAM);

    UdpEndpoint(EndpointKey key, String name, HandoverLimits limits, Runnable release) throws IOException {
        super(key, name, limits, release);
        socket = UdpSocket.open(key);
    }

    @Override
    EndpointStatus.Protocol protocol() {
        return EndpointStatus.Protocol.UDP;
    }

    @Override
    Datagram receive() throws IOException {
        packet.setLength(MAX_DATAGRAM);
        InetSocketAddress local = socket.receive(packet);
        if (local == null) return null;
        ByteBuffer payload = ByteBuffer.wrap(packet.getData(), 0, packet.getLength()).asReadOnlyBuffer();
        return new Datagram(payload, (InetSocketAddress) packet.getSocketAddress(), local);
    }

    @Override
    void deliver(DatagramHandler handler, Datagram datagram) throws Exception {
        handler.handle(datagram, this);
    }

    @Override
    void discard(Datagram datagram) {
        // nothing to release: the payload is heap memory
    }

    /** Queued datagrams outlive the receive buffer, so they are copied; delivered ones are not. */
    @Override
    void enqueue(Datagram datagram, Deque<Datagram> queue) {
        ByteBuffer copy = ByteBuffer.allocate(datagram.payload().remaining()).put(datagram.payload().duplicate()).flip();
        queue.add(new Datagram(copy.asReadOnlyBuffer(), datagram.source(), datagram.local()));
    }

    @Override
    public void send(ByteBuffer payload, InetSocketAddress target) throws IOException {
        byte[] bytes;
        int offset;
        int length = payload.remaining();
        if (payload.hasArray() && !payload.isReadOnly()) {
            bytes = payload.array();
            offset = payload.arrayOffset() + payload.position();
        } else {
            bytes = new byte[length];
            payload.duplicate().get(bytes);
            offset = 0;
        }
        socket.send(new DatagramPacket(bytes, offset, length, target));
    }

    @Override
    void closeSocket() {
        socket.close();
    }
}
