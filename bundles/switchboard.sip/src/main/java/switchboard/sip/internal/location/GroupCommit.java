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
 * Writes the location table's changes to the {@link BindingJournal} and forces them to the device
 * on its own thread, all changes written since the last sync at once, at most every sync interval.
 *
 * <p>A change is written to the file when it is recorded, so its answer may leave at once: a
 * written line outlives a crash of the process. With a sync interval of 0, answers wait for the
 * sync instead, so that they outlive a power loss too. Answering at once matters under load: answers
 * held back for a sync leave together, and a burst of hundreds overflows a client's socket buffer
 * (SIPp's is 128 KB), which then retransmits every one of them.
 *
 * <p>Each change gets a ticket, increasing in the order changes are recorded. Callers change the table
 * and {@link #record} the change while holding this object's lock, so the journal keeps the table's order.
 * When a write fails, the changes wait (in order, with their answers) for the journal thread's next attempt.
 */
public final class GroupCommit implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
    private static final long RETRY_MILLIS = 1000;

    private record Release(long ticket, Runnable action) {}

    private final BindingJournal journal;
    private final Supplier<Collection<Binding>> live;
    private final IntSupplier liveCount;
    private final Thread thread;
    private StringBuilder unwritten = new StringBuilder();
    private int unwrittenLines;
    private long recorded;
    private long written;
    private long synced;
    /** Up to this ticket, the answers waiting for the journal have been released too. */
    private long released;
    private long syncMillis;
    private final List<Release> waiting = new ArrayList<>();
    private boolean writeFailed;
    /** Someone waits for the sync: it does not wait for the interval. */
    private boolean urgent;
    private boolean closing;
    private volatile String error;

    /**
     * @param live the table's live bindings, written instead of the journal when it has grown too long
     * @param syncMillis the longest time between a write and its sync; 0: answers wait for the sync
     */
    public GroupCommit(BindingJournal journal, Supplier<Collection<Binding>> live, IntSupplier liveCount, long syncMillis) {
        this.journal = journal;
        this.live = live;
        this.liveCount = liveCount;
        this.syncMillis = syncMillis;
        thread = new Thread(this::run, "switchboard-sip-journal");
        thread.setDaemon(true);
        thread.start();
    }

    public synchronized void syncMillis(long millis) {
        syncMillis = millis;
        notifyAll();
    }

    /**
     * Writes a change to the journal; returns its ticket. An empty change gets the latest ticket: an
     * answer showing the table must wait for the changes it shows, too.
     */
    public synchronized long record(Collection<Binding> saved, Collection<Binding> removed) {
        if (saved.isEmpty() && removed.isEmpty()) return recorded;
        BindingJournal.changes(saved, removed, unwritten);
        unwrittenLines += saved.size() + removed.size();
        recorded++;
        boolean journalThreadIdle = written == synced;
        // after a failure the journal thread retries; the requests meanwhile must not each try the disk
        if (!writeFailed) writeUnwritten();
        if (journalThreadIdle || writeFailed) notifyAll();
        return recorded;
    }

    /** Runs the action once the change with this ticket may be acknowledged: at once when it already may. */
    public void whenDurable(long ticket, Runnable action) {
        synchronized (this) {
            if (ticket > acknowledgeable()) {
                waiting.add(new Release(ticket, action));
                return;
            }
        }
        action.run();
    }

    /**
     * Has everything recorded so far synced to the device at once and waits until it is, and the answers
     * waiting for it were released; false when that took longer than the timeout.
     */
    public synchronized boolean awaitDurable(long timeoutMillis) throws InterruptedException {
        long target = recorded;
        long deadline = System.currentTimeMillis() + timeoutMillis;
        urgent = true;
        notifyAll();
        while (synced < target || released < target) {
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

    private long acknowledgeable() {
        return syncMillis == 0 ? synced : written;
    }

    private void writeUnwritten() {
        try {
            journal.write(unwritten, unwrittenLines);
            unwritten = new StringBuilder();
            unwrittenLines = 0;
            written = recorded;
            writeFailed = false;
            error = null;
        } catch (IOException | RuntimeException e) {
            // nothing unsaved is acknowledged: the phones retransmit, and the next attempt writes it
            writeFailed = true;
            error = e.toString();
            LOG.error("SIP registrar: bindings not saved, REGISTER is not acknowledged: {}", e.toString());
        }
    }

    private void run() {
        long lastSync = 0;
        while (true) {
            long upTo;
            synchronized (this) {
                while (!closing && written == synced && !writeFailed) waitQuietly(0);
                if (writeFailed) {
                    if (!closing) waitQuietly(RETRY_MILLIS);
                    writeUnwritten();
                    if (writeFailed && closing) return;
                    if (writeFailed) continue;
                }
                long due = lastSync + syncMillis - System.currentTimeMillis();
                if (!closing && !urgent && due > 0) {
                    waitQuietly(due);
                    continue;
                }
                if (written == synced && closing) return;
                if (written == synced) continue;
                upTo = written;
                urgent = false;
            }
            // the sync runs outside the lock: changes go on being written meanwhile
            boolean ok = sync(upTo);
            lastSync = System.currentTimeMillis();
            if (ok) {
                release(upTo);
                continue;
            }
            synchronized (this) {
                if (closing) return;
                waitQuietly(RETRY_MILLIS);
            }
        }
    }

    private boolean sync(long upTo) {
        try {
            journal.sync();
            synchronized (this) {
                if (journal.wantsCompaction(liveCount.getAsInt())) journal.rewrite(live.get());
                synced = upTo;
                if (!writeFailed) error = null;
            }
            return true;
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                error = e.toString();
            }
            LOG.error("SIP registrar: bindings not synced to the disk: {}", e.toString());
            return false;
        }
    }

    private void release(long upTo) {
        List<Release> ready = new ArrayList<>();
        synchronized (this) {
            long ack = acknowledgeable();
            waiting.removeIf(r -> r.ticket() <= ack && ready.add(r));
        }
        ready.forEach(r -> r.action().run());
        synchronized (this) {
            released = Math.max(released, upTo);
            notifyAll();
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

    /** Writes and syncs what is pending (waiting at most a few seconds), stops the thread and closes the journal. */
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
