package switchboard.dhcp.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: answers whose lease records are written but not yet synced wait here; one sync
 * covers all that arrived meanwhile, then they are sent. The worker goes on answering DISCOVERs
 * while the disk syncs. Compaction also runs on this thread, so it never overlaps a sync.
 *
 * @param <T> what is released once durable
 */
final class JournalCommitter<T> {
    private static final Logger LOG = LoggerFactory.getLogger(JournalCommitter.class);
    private static final long STOP_MILLIS = 5_000;

    private final BlockingQueue<T> waiting = new LinkedBlockingQueue<>();
    private final LeaseJournal journal;
    private final Consumer<List<T>> release;
    private final Runnable idle;
    private final Thread thread;
    private volatile boolean stopping;

    /**
     * @param release called with what became durable, on this thread
     * @param idle called about every 200 ms when nothing waits (compaction)
     */
    JournalCommitter(LeaseJournal journal, Consumer<List<T>> release, Runnable idle) {
        this.journal = journal;
        this.release = release;
        this.idle = idle;
        thread = new Thread(this::run, "switchboard-dhcp-commit");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Call after the records are written; {@code item} is released after the next sync. */
    void submit(T item) {
        waiting.add(item);
    }

    private void run() {
        List<T> batch = new ArrayList<>();
        while (!stopping || !waiting.isEmpty()) {
            try {
                T first = waiting.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    idle.run();
                    continue;
                }
                batch.add(first);
                waiting.drainTo(batch);
                try {
                    journal.force();
                    release.accept(batch);
                } catch (IOException e) {
                    LOG.error("cannot sync the lease journal: {} answers withheld", batch.size(), e);
                }
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("DHCP journal commit: unexpected failure, continuing", e);
                batch.clear();
            }
        }
    }

    /** Releases what still waits, then stops; bounded in time. */
    void stop() {
        stopping = true;
        try {
            thread.join(STOP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
            LOG.warn("DHCP journal commit thread did not stop within {} ms; interrupted", STOP_MILLIS);
        }
    }
}
