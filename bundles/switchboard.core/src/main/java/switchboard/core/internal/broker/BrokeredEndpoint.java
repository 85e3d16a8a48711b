package switchboard.core.internal.broker;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.api.broker.EndpointStatus;

/**
 * A bound socket and the handlers registered for it. The newest handler serves; while there is none,
 * arrivals wait in a bounded queue for at most the handover timeout, then the socket is released.
 *
 * @param <H> handler type
 * @param <A> what arrives: a datagram or a connection
 */
abstract class BrokeredEndpoint<H, A> {
    private static final Logger LOG = LoggerFactory.getLogger(BrokeredEndpoint.class);
    static final int POLL_MILLIS = 200;

    final EndpointKey key;
    final String name;
    private final List<H> handlers = new ArrayList<>();
    private final Deque<A> waiting = new ArrayDeque<>();
    private volatile HandoverLimits limits;
    private long orphanedSince;
    final AtomicLong handled = new AtomicLong();
    final AtomicLong queued = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    private final Runnable release;
    private Thread thread;
    private volatile boolean closed;

    /** @param release called on the endpoint's thread when no handler came back in time */
    BrokeredEndpoint(EndpointKey key, String name, HandoverLimits limits, Runnable release) {
        this.key = key;
        this.name = name;
        this.limits = limits;
        this.release = release;
    }

    abstract EndpointStatus.Protocol protocol();

    /** Blocks up to {@link #POLL_MILLIS} for the next arrival; null on timeout. */
    abstract A receive() throws Exception;

    abstract void deliver(H handler, A arrival) throws Exception;

    abstract void discard(A arrival);

    abstract void closeSocket();

    void enqueue(A arrival, Deque<A> queue) {
        queue.add(arrival);
    }

    void limits(HandoverLimits limits) {
        this.limits = limits;
    }

    void start() {
        thread = new Thread(this::run, "switchboard-broker-" + protocol().name().toLowerCase() + "-" + key);
        thread.setDaemon(true);
        thread.start();
    }

    synchronized void attach(H handler) {
        handlers.add(handler);
        while (!waiting.isEmpty()) hand(handler, waiting.poll());
    }

    /** @return true if the handler served here and the endpoint has no handler left */
    synchronized boolean detach(H handler) {
        if (!handlers.remove(handler)) return false;
        if (handlers.isEmpty()) orphanedSince = System.currentTimeMillis();
        return handlers.isEmpty();
    }

    synchronized EndpointStatus.State state() {
        return handlers.isEmpty() ? EndpointStatus.State.WAITING : EndpointStatus.State.SERVING;
    }

    EndpointStatus status() {
        return new EndpointStatus(name, protocol(), key.statusAddress(), key.port(), state(), "",
                handled.get(), queued.get(), dropped.get());
    }

    private void run() {
        while (!closed) {
            A arrival;
            try {
                arrival = receive();
            } catch (Exception e) {
                if (!closed) LOG.warn("endpoint {} {}: receive failed", name, key, e);
                continue;
            }
            if (arrival != null) route(arrival);
            else expireIfOrphaned();
        }
    }

    private synchronized void route(A arrival) {
        if (!handlers.isEmpty()) {
            hand(handlers.get(handlers.size() - 1), arrival);
        } else if (waiting.size() < limits.queueSize()) {
            enqueue(arrival, waiting);
            queued.incrementAndGet();
        } else {
            discard(arrival);
            dropped.incrementAndGet();
        }
    }

    private void hand(H handler, A arrival) {
        try {
            deliver(handler, arrival);
            handled.incrementAndGet();
        } catch (Exception e) {
            LOG.warn("endpoint {} {}: handler failed", name, key, e);
        }
    }

    private void expireIfOrphaned() {
        boolean expired;
        synchronized (this) {
            expired = handlers.isEmpty() && System.currentTimeMillis() - orphanedSince > limits.timeoutMillis();
        }
        if (expired) {
            LOG.info("endpoint {} {}: no handler came back within {} ms, releasing it", name, key, limits.timeoutMillis());
            release.run();
        }
    }

    /** Releases the socket and drops whatever still waits. */
    void close() {
        closed = true;
        closeSocket();
        synchronized (this) {
            for (A a : waiting) {
                discard(a);
                dropped.incrementAndGet();
            }
            waiting.clear();
        }
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(2 * POLL_MILLIS + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
