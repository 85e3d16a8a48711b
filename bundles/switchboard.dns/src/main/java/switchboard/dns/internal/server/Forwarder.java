package switchboard.dns.internal.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;

/**
 * Sends LAN clients' questions to the upstream servers over UDP from one socket of its own, and
 * matches replies by random ID, upstream address and question. Each upstream gets {@code timeout};
 * then the next one is asked (primary, then secondary); when all are silent the answer is empty
 * (the caller says SERVFAIL). Nothing blocks: callers get a future, one thread reads replies.
 */
final class Forwarder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);

    private record Pending(CompletableFuture<Message> result, Record question, InetSocketAddress upstream) {}

    private final Supplier<List<InetSocketAddress>> upstreams;
    private final long timeoutMillis;
    private final ScheduledExecutorService timer;
    private final DatagramChannel channel;
    private final Thread reader;
    private final Random ids = new SecureRandom();
    private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();

    Forwarder(Supplier<List<InetSocketAddress>> upstreams, long timeoutMillis, ScheduledExecutorService timer) throws IOException {
        this.upstreams = upstreams;
        this.timeoutMillis = timeoutMillis;
        this.timer = timer;
        this.channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress(0));
        this.reader = new Thread(this::readReplies, "switchboard-dns-forwarder");
        reader.setDaemon(true);
        reader.start();
    }

    /** The upstream's answer, or empty when no upstream answered in time. */
    CompletableFuture<Message> forward(Record question) {
        CompletableFuture<Message> result = new CompletableFuture<>();
        ask(question, upstreams.get(), 0, result);
        return result;
    }

    private void ask(Record question, List<InetSocketAddress> servers, int index, CompletableFuture<Message> result) {
        if (result.isDone()) return;
        if (index >= servers.size()) {
            result.complete(null);
            return;
        }
        InetSocketAddress upstream = servers.get(index);
        int id = newId(new Pending(result, question, upstream));
        Message query = Message.newQuery(question);
        query.getHeader().setID(id);
        query.getHeader().setFlag(Flags.RD);
        try {
            channel.send(ByteBuffer.wrap(query.toWire()), upstream);
        } catch (IOException e) {
            LOG.debug("cannot send to {}: {}", upstream, e.toString());
        }
        timer.schedule(() -> {
            if (pending.remove(id) != null) ask(question, servers, index + 1, result);
        }, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private int newId(Pending p) {
        while (true) {
            int id = ids.nextInt(0x10000);
            if (pending.putIfAbsent(id, p) == null) return id;
        }
    }

    private void readReplies() {
        ByteBuffer buffer = ByteBuffer.allocate(65535);
        while (channel.isOpen()) {
            try {
                buffer.clear();
                SocketAddress from = channel.receive(buffer);
                buffer.flip();
                accept(buffer, from);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.debug("forwarder receive: {}", e.toString());
            }
        }
    }

    private void accept(ByteBuffer buffer, SocketAddress from) {
        Message reply;
        try {
            reply = new Message(buffer);
        } catch (IOException e) {
            return;
        }
        int id = reply.getHeader().getID();
        Pending p = pending.get(id);
        if (p == null || !p.upstream().equals(from) || !p.question().equals(reply.getQuestion())) return;
        if (pending.remove(id, p)) p.result().complete(reply);
    }

    @Override
    public void close() throws InterruptedException {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing the forwarder socket: {}", e.toString());
        }
        reader.join(2000);
        pending.values().forEach(p -> p.result().complete(null));
        pending.clear();
    }
}
