package switchboard.sip.internal.location;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the location table's changes to the {@link BindingJournal} on its own thread: whatever was
 * recorded while the previous fsync ran goes to disk with the next one, and only then are the answers
 * that acknowledge those changes released. The threads that answer requests never wait for the disk.
 *
 * <p>Each change gets a ticket, increasing in the order changes are recorded. Callers change the table
 * and {@link #record} the change while holding this object's lock, so the journal keeps the table's order.
 */
public final class GroupCommit implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    private static final long RETRY_MILLIS = 1000;

    private record Release(long ticket, Runnable action) {}

    private final BindingJournal journal;
    private final Supplier<Collection<Binding>> live;
    private final IntSupplier liveCount;
    private final Thread thread;
    private StringBuilder pending = new StringBuilder();
    private int pendingLines;
    private long recorded;
    private long durable;
    /** Up to this ticket, the answers waiting for the disk have been released too. */
    private long released;
    private final List<Release> waiting = new ArrayList<>();
    private boolean closing;
    private volatile String error;

    /** @param live the table's live bindings, written instead of the journal when it has grown too long */
    public GroupCommit(BindingJournal journal, Supplier<Collection<Binding>> live, IntSupplier liveCount) {
        this.journal = journal;
        this.live = live;
        this.liveCount = liveCount;
        thread = new Thread(this::run, "switchboard-sip-journal");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues a change for the journal; returns its ticket. An empty change gets the latest ticket: an
     * answer showing the table must wait for the changes it shows, too.
     */
    public synchronized long record(Collection<Binding> saved, Collection<Binding> removed) {
        if (saved.isEmpty() && removed.isEmpty()) return recorded;
        BindingJournal.changes(saved, removed, pending);
        pendingLines += saved.size() + removed.size();
        notifyAll();
        return ++recorded;
    }

    /** Runs the action once the change with this ticket is on disk: at once when it already is. */
    public void whenDurable(long ticket, Runnable action) {
        synchronized (this) {
            if (ticket > durable) {
                waiting.add(new Release(ticket, action));
                return;
            }
        }
        action.run();
    }

    /**
     * Waits until everything recorded so far is on disk and the answers waiting for it were released;
     * false when that took longer than the timeout.
     */
    public synchronized boolean awaitDurable(long timeoutMillis) throws InterruptedException {
        long target = recorded;
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (released < target) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) return false;
            wait(left);
        }
        return true;
    }

    /** Why the last write failed (the changes and their answers wait for the next attempt), or null. */
    public String error() {
        return error;
    }

    private void run() {
        while (true) {
            StringBuilder batch;
            int lines;
            long upTo;
            synchronized (this) {
                while (pendingLines == 0 && !closing) waitQuietly(0);
                if (pendingLines == 0) return;
                batch = pending;
                lines = pendingLines;
                upTo = recorded;
                pending = new StringBuilder();
                pendingLines = 0;
            }
            if (!write(batch, lines)) {
                synchronized (this) {
                    // kept in front of what was recorded meanwhile, to keep the order
                    pending = batch.append(pending);
                    pendingLines += lines;
                    if (closing) return;
                    waitQuietly(RETRY_MILLIS);
                }
                continue;
            }
            List<Release> ready = new ArrayList<>();
            synchronized (this) {
                durable = upTo;
                waiting.removeIf(r -> r.ticket() <= upTo && ready.add(r));
            }
            ready.forEach(r -> r.action().run());
            synchronized (this) {
                released = upTo;
                notifyAll();
            }
        }
    }

    private boolean write(StringBuilder batch, int lines) {
        try {
            journal.write(batch, lines);
            if (journal.wantsCompaction(liveCount.getAsInt())) journal.rewrite(live.get());
            error = null;
            return true;
        } catch (IOException | RuntimeException e) {
            // nothing unsaved is acknowledged: the phones retransmit, and the next attempt writes it
            error = e.toString();
            LOG.error("SIP registrar: bindings not saved, REGISTER is not acknowledged: {}", e.toString());
            return false;
        }
    }

    private void waitQuietly(long millis) {
        try {
            wait(millis);
        } catch (InterruptedException e) {
            closing = true;
            Thread.currentThread().interrupt();
        }
    }

    /** Writes what is pending (waiting at most a few seconds), stops the thread and closes the journal. */
    @Override
    public void close() throws IOException {
        synchronized (this) {
            closing = true;
            notifyAll();
        }
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        journal.close();
    }
}
