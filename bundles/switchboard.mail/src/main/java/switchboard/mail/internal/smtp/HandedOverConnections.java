package switchboard.mail.internal.smtp;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The "server socket" subethasmtp accepts from: connections accepted by the core socket broker and
 * handed over here. It never binds anything, so the real socket stays with the broker across updates.
 */
final class HandedOverConnections extends ServerSocket {
    private final BlockingQueue<Socket> arrivals = new LinkedBlockingQueue<>();
    private final AtomicLong handedOver = new AtomicLong();
    private volatile boolean closed;

    HandedOverConnections() throws IOException {
        super();
    }

    void handOver(Socket connection) throws IOException {
        if (closed) {
            connection.close();
            throw new SocketException("SMTP server stopped");
        }
        arrivals.add(connection);
        handedOver.incrementAndGet();
    }

    /** Connections handed over since start, whether or not the server has taken them yet. */
    long handedOver() {
        return handedOver.get();
    }

    @Override
    public void bind(SocketAddress endpoint, int backlog) {
        // the broker owns the listening socket
    }

    @Override
    public Socket accept() throws IOException {
        while (!closed) {
            try {
                Socket next = arrivals.poll(200, TimeUnit.MILLISECONDS);
                if (next != null) return next;
            } catch (InterruptedException e) {
                // subethasmtp interrupts its accept thread on shutdown, after close()
                if (closed) break;
            }
        }
        throw new SocketException("SMTP server stopped");
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        for (Socket s; (s = arrivals.poll()) != null; ) s.close();
        super.close();
    }
}
