package switchboard.dns.internal.server;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.xbill.DNS.Message;

/**
 * Asks an upstream server over TCP (RFC 7766 framing: a two-byte length before each message), for answers
 * that came truncated over UDP. A few threads of its own, each socket bounded by the forwarder's timeout,
 * so a slow upstream holds up neither the UDP path nor other clients.
 */
final class TcpUpstream implements AutoCloseable {
    private static final int THREADS = 4;

    private final long timeoutMillis;
    private final ExecutorService threads = Executors.newFixedThreadPool(THREADS, r -> {
        Thread t = new Thread(r, "switchboard-dns-forwarder-tcp");
        t.setDaemon(true);
        return t;
    });

    TcpUpstream(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    /** The upstream's answer, or null when it could not be had in time. */
    CompletableFuture<Message> ask(byte[] query, InetSocketAddress upstream) {
        try {
            return CompletableFuture.supplyAsync(() -> exchange(query, upstream), threads);
        } catch (RejectedExecutionException e) { // closed meanwhile
            return CompletableFuture.completedFuture(null);
        }
    }

    private Message exchange(byte[] query, InetSocketAddress upstream) {
        try (Socket socket = new Socket()) {
            socket.connect(upstream, (int) timeoutMillis);
            socket.setSoTimeout((int) timeoutMillis);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeShort(query.length);
            out.write(query);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] reply = new byte[in.readUnsignedShort()];
            in.readFully(reply);
            return new Message(reply);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    @Override
    public void close() {
        threads.shutdown(); // a running exchange ends within its timeout
    }
}
