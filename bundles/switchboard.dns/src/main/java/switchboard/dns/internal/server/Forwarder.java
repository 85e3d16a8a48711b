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
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;

/**
 * Sends LAN clients' questions to the upstream servers over UDP (with EDNS0) from one socket of its own,
 * and matches replies by random ID, upstream address and question; a truncated reply is asked again of
 * the same upstream over TCP. Each upstream gets {@code timeout}; then the next one is asked (primary,
 * then secondary); when all are silent the answer is empty (the caller says SERVFAIL). Nothing blocks:
 * callers get a future, one thread reads replies.
 */
final class Forwarder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Forwarder.class);
    /** The UDP payload size offered upstream, the DNS Flag Day 2020 value that avoids IP fragmentation. */
    private static final int EDNS_PAYLOAD = 1232;

    /** Where a question stands: asked of {@code servers[index]} as {@code query}. */
    private record Pending(CompletableFuture<Message> result, Record question, List<InetSocketAddress> servers, int index, byte[] query) {
        InetSocketAddress upstream() {
            return servers.get(index);
        }

        int id() {
            return (query[0] & 0xFF) << 8 | query[1] & 0xFF;
        }

        /** A reply to this question, from wherever it came. */
        boolean answeredBy(Message reply) {
            return reply.getHeader().getID() == id() && question.equals(reply.getQuestion());
        }
    }

    private final Supplier<List<InetSocketAddress>> upstreams;
    private final long timeoutMillis;
    private final ScheduledExecutorService timer;
    private final DatagramChannel channel;
    private final Thread reader;
    private final Random ids = new SecureRandom();
    private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
    private final TcpUpstream tcp;

    Forwarder(Supplier<List<InetSocketAddress>> upstreams, long timeoutMillis, ScheduledExecutorService timer) throws IOException {
        this.upstreams = upstreams;
        this.timeoutMillis = timeoutMillis;
        this.timer = timer;
        this.tcp = new TcpUpstream(timeoutMillis);
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
        Pending p = register(id -> new Pending(result, question, servers, index, query(question, id)));
        try {
            channel.send(ByteBuffer.wrap(p.query()), p.upstream());
        } catch (IOException e) {
            LOG.debug("cannot send to {}: {}", p.upstream(), e.toString());
        }
        timer.schedule(() -> {
            if (pending.remove(p.id(), p)) ask(question, servers, index + 1, result);
        }, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private static byte[] query(Record question, int id) {
        Message query = Message.newQuery(question);
        query.getHeader().setID(id);
        query.getHeader().setFlag(Flags.RD);
        query.addRecord(new OPTRecord(EDNS_PAYLOAD, 0, 0), Section.ADDITIONAL);
        return query.toWire();
    }

    /** Files the question under a random ID that no pending question has. */
    private synchronized Pending register(IntFunction<Pending> question) {
        while (true) {
            int id = ids.nextInt(0x10000);
            if (pending.containsKey(id)) continue;
            Pending p = question.apply(id);
            pending.put(id, p);
            return p;
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
        if (p == null || !p.upstream().equals(from) || !p.answeredBy(reply)) return;
        if (!pending.remove(id, p)) return;
        if (reply.getHeader().getFlag(Flags.TC)) askOverTcp(p);
        else p.result().complete(reply);
    }

    private void askOverTcp(Pending p) {
        tcp.ask(p.query(), p.upstream()).thenAccept(reply -> {
            if (reply != null && p.answeredBy(reply)) p.result().complete(reply);
            else ask(p.question(), p.servers(), p.index() + 1, p.result());
        });
    }

    @Override
    public void close() throws InterruptedException {
        tcp.close();
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
