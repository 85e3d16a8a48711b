package switchboard.core.internal.broker;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A UDP socket on the wildcard address that answers from the address it was asked at. For a reply the kernel
 * picks the source address by route, so a box with several addresses (LAN, VPN tunnel, WAN) would answer a
 * question sent to one of them from another one, and clients that check the source (dig, resolvers, phones)
 * drop that answer. So next to the wildcard socket it binds one socket per local address on the same port (the
 * kernel delivers to the most specific bind) and sends to a peer from the socket that peer last reached. The
 * local addresses are looked at again every few seconds; loopback needs no socket of its own.
 */
final class WildcardUdpSocket implements UdpSocket {
    private static final Logger LOG = LoggerFactory.getLogger(WildcardUdpSocket.class);
    private static final long RESCAN_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final int REMEMBERED_PEERS = 4096;

    private final int port;
    private final Selector selector;
    private final DatagramChannel wildcard;
    private final InetSocketAddress wildcardAddress;
    /** Touched on the receive thread only. */
    private final Map<InetAddress, DatagramChannel> perAddress = new HashMap<>();
    private final Set<InetAddress> unbindable = new HashSet<>();
    private final Deque<SelectionKey> ready = new ArrayDeque<>();
    private long scannedAt;
    private final Map<SocketAddress, DatagramChannel> replyFrom = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<SocketAddress, DatagramChannel> eldest) {
                    return size() > REMEMBERED_PEERS;
                }
            });

    WildcardUdpSocket(EndpointKey key) throws IOException {
        port = key.port();
        selector = Selector.open();
        try {
            wildcard = bound(key.socketAddress());
        } catch (IOException e) {
            selector.close();
            throw e;
        }
        wildcardAddress = (InetSocketAddress) wildcard.getLocalAddress();
        rescan();
    }

    private DatagramChannel bound(InetSocketAddress address) throws IOException {
        DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
            channel.bind(address);
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            return channel;
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** Binds the addresses that came, closes the sockets of those that went. */
    private void rescan() {
        scannedAt = System.nanoTime();
        Set<InetAddress> present = new HashSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) continue;
                for (InetAddress a : Collections.list(nic.getInetAddresses())) if (a instanceof Inet4Address) present.add(a);
            }
        } catch (IOException e) {
            LOG.debug("cannot list the local addresses", e);
            return;
        }
        for (Iterator<Map.Entry<InetAddress, DatagramChannel>> i = perAddress.entrySet().iterator(); i.hasNext(); ) {
            Map.Entry<InetAddress, DatagramChannel> e = i.next();
            if (present.contains(e.getKey())) continue;
            closeQuietly(e.getValue());
            i.remove();
        }
        unbindable.retainAll(present);
        for (InetAddress a : present) {
            if (perAddress.containsKey(a) || unbindable.contains(a)) continue;
            try {
                perAddress.put(a, bound(new InetSocketAddress(a, port)));
            } catch (IOException e) {
                unbindable.add(a);
                LOG.info("UDP port {} on {}: answers to it leave from the kernel's choice of address ({})", port, a.getHostAddress(), e.getMessage());
            }
        }
    }

    @Override
    public InetSocketAddress receive(DatagramPacket packet) throws IOException {
        if (!wildcard.isOpen()) return null;
        if (System.nanoTime() - scannedAt > RESCAN_NANOS) rescan();
        if (ready.isEmpty()) {
            selector.select(BrokeredEndpoint.POLL_MILLIS);
            ready.addAll(selector.selectedKeys());
            selector.selectedKeys().clear();
        }
        while (!ready.isEmpty()) {
            SelectionKey key = ready.poll();
            DatagramChannel channel = (DatagramChannel) key.channel();
            ByteBuffer buffer = ByteBuffer.wrap(packet.getData());
            SocketAddress from;
            try {
                from = channel.receive(buffer);
            } catch (ClosedChannelException e) {
                continue;
            }
            if (from == null) continue;
            ready.add(key); // may hold more: taken again after the others
            packet.setLength(buffer.position());
            packet.setSocketAddress(from);
            replyFrom.put(from, channel);
            return channel == wildcard ? wildcardAddress : (InetSocketAddress) channel.getLocalAddress();
        }
        return null;
    }

    @Override
    public void send(DatagramPacket packet) throws IOException {
        SocketAddress target = packet.getSocketAddress();
        ByteBuffer payload = ByteBuffer.wrap(packet.getData(), packet.getOffset(), packet.getLength());
        DatagramChannel channel = replyFrom.getOrDefault(target, wildcard);
        try {
            UdpSocket.sendFully(channel, payload, target);
        } catch (ClosedChannelException e) {
            if (channel == wildcard) throw e;
            replyFrom.remove(target);
            UdpSocket.sendFully(wildcard, payload, target);
        }
    }

    @Override
    public void close() {
        perAddress.values().forEach(WildcardUdpSocket::closeQuietly);
        closeQuietly(wildcard);
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("closing the selector", e);
        }
    }

    private static void closeQuietly(DatagramChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing {}", channel, e);
        }
    }
}
