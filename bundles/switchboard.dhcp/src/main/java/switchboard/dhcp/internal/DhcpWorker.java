package switchboard.dhcp.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.api.broker.DatagramSender;
import switchboard.api.dhcp.DhcpCodec;
import switchboard.api.dhcp.DhcpMessage;
import switchboard.api.network.Cidr;

/**
 * The one thread that owns the leases. It takes client messages in batches, decides all answers,
 * writes the batch's lease records and hands the answers that depend on them to the
 * {@link JournalCommitter}, which sends them once a sync covers them.
 */
final class DhcpWorker {
    private static final Logger LOG = LoggerFactory.getLogger(DhcpWorker.class);
    private static final int QUEUE_SIZE = 8192;
    private static final int BATCH = 2048;
    private static final long MAINTENANCE_MILLIS = 1_000;
    private static final long STOP_MILLIS = 5_000;

    /** A decoded client message and the endpoint's sender to answer through. */
    record Inbound(DhcpMessage message, DatagramSender sender) {}

    /** An answer (and DNS changes) that may go out once its lease records are synced. */
    private record Durable(DatagramSender sender, DhcpResponder.Outcome outcome) {}

    private final BlockingQueue<Inbound> queue = new ArrayBlockingQueue<>(QUEUE_SIZE);
    private final LeaseTable table = new LeaseTable();
    private final LeaseJournal journal;
    private final DhcpResponder responder;
    private final DhcpStats stats;
    private final DnsRegistrar dns;
    /** Guards {@link #table} and {@link #journal} between the worker and the admin commands. */
    private final Object lock = new Object();
    private final Thread thread;
    private final JournalCommitter<Durable> committer;
    private final ArpEntries arp = new ArpEntries();
    private volatile ServerPlan plan;
    private volatile Optional<AddressProbe> probe = Optional.empty();
    private volatile boolean stopping;
    private long lastMaintenance;

    DhcpWorker(Path directory, DhcpStats stats, DnsRegistrar dns) throws IOException {
        this.journal = new LeaseJournal(directory);
        this.stats = stats;
        this.dns = dns;
        this.responder = new DhcpResponder(table, stats);
        journal.open(table);
        committer = new JournalCommitter<>(journal, this::releaseDurable, this::compactIfDue);
        thread = new Thread(this::run, "switchboard-dhcp");
        thread.setDaemon(true);
    }

    void start() {
        committer.start();
        thread.start();
    }

    void plan(ServerPlan plan, Optional<AddressProbe> probe) {
        this.plan = plan;
        this.probe = probe;
    }

    /** @return false when the queue is full and the message is dropped (the client will retry) */
    boolean submit(Inbound inbound) {
        return queue.offer(inbound);
    }

    private void run() {
        List<Inbound> batch = new ArrayList<>(BATCH);
        while (!stopping || !queue.isEmpty()) {
            try {
                Inbound first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                    process(batch);
                    batch.clear();
                }
                if (System.currentTimeMillis() - lastMaintenance >= MAINTENANCE_MILLIS) maintain();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("DHCP worker: unexpected failure, continuing", e);
                batch.clear();
            }
        }
    }

    /**
     * Answers that change no lease (OFFER, NAK, INFORM) go out at once; the others wait in the
     * committer for the sync of their records, and are not sent at all when writing fails.
     */
    private void process(List<Inbound> batch) {
        ServerPlan current = plan;
        if (current == null) return;
        List<Durable> durable = new ArrayList<>();
        List<String> records = new ArrayList<>();
        synchronized (lock) {
            long now = System.currentTimeMillis();
            for (Inbound in : batch) {
                DhcpResponder.Outcome outcome = responder.respond(in.message(), current, probe, now);
                if (outcome.journal().isEmpty()) outcome.reply().ifPresent(r -> send(in.sender(), r));
                else durable.add(new Durable(in.sender(), outcome));
                records.addAll(outcome.journal());
            }
            try {
                journal.write(records);
            } catch (IOException e) {
                LOG.error("cannot write the lease journal: no ACK goes out until it can", e);
                return;
            }
        }
        durable.forEach(committer::submit);
    }

    private void releaseDurable(List<Durable> synced) {
        List<DnsChange> changes = new ArrayList<>();
        for (Durable d : synced) {
            d.outcome().reply().ifPresent(r -> send(d.sender(), r));
            changes.addAll(d.outcome().dns());
        }
        dns.apply(changes);
    }

    /**
     * Sends from the worker (offers) and the journal committer (acknowledgements). The ARP entry a unicast
     * needs is added and used under one lock: an entry added by the other thread in between could make the
     * kernel collect this one (its neighbour table is pruned as it fills), and the reply would wait for an
     * ARP answer the client cannot give.
     */
    private void send(DatagramSender sender, Reply reply) {
        synchronized (arp) {
            InetSocketAddress target = target(reply);
            try {
                sender.send(DhcpCodec.encode(reply.message()), target);
            } catch (IOException e) {
                stats.sendFailures.incrementAndGet();
                LOG.warn("cannot send to {}: {}", target, e.getMessage());
            }
        }
    }

    /**
     * A broadcast to a client with no address that did not ask for broadcast goes to the address it is
     * given instead, once the kernel has been told the client's MAC for it (RFC 2131 section 4.1).
     */
    private InetSocketAddress target(Reply reply) {
        DhcpMessage m = reply.message();
        ServerPlan current = plan;
        boolean unicastPossible = current != null && reply.target().getAddress().equals(DhcpResponder.BROADCAST) && !m.broadcastFlag()
                && !m.yiaddr().equals(DhcpMessage.ZERO) && m.giaddr().equals(DhcpMessage.ZERO) && m.htype() == DhcpMessage.HTYPE_ETHERNET;
        if (unicastPossible && arp.teach(m.yiaddr(), m.hardwareAddress(), current.interfaceName()))
            return new InetSocketAddress(m.yiaddr(), reply.target().getPort());
        return reply.target();
    }

    /** Ends leases that ran out, and their DNS names. */
    private void maintain() {
        lastMaintenance = System.currentTimeMillis();
        List<DnsChange> removals = new ArrayList<>();
        synchronized (lock) {
            for (Lease ended : table.expire(lastMaintenance)) {
                LOG.info("lease of {} for {} expired", ended.address().getHostAddress(), ended.mac());
                if (!ended.hostname().isEmpty()) removals.add(DnsChange.remove(ended.key()));
            }
        }
        dns.apply(removals);
    }

    /** On the committer's thread, between syncs. */
    private void compactIfDue() {
        synchronized (lock) {
            if (!journal.wantsCompaction(table)) return;
            try {
                journal.compact(table);
            } catch (IOException e) {
                LOG.warn("lease journal compaction failed; the journal keeps growing until it works", e);
            }
        }
    }

    List<Lease> leases() {
        synchronized (lock) {
            return new ArrayList<>(table.all());
        }
    }

    /** Ends the lease on the address now, as if the client had released it. */
    Optional<Lease> release(Inet4Address address) throws IOException {
        Optional<Lease> released;
        synchronized (lock) {
            long now = System.currentTimeMillis();
            Optional<Lease> lease = table.atAddress(Cidr.toInt(address)).filter(l -> l.activeAt(now));
            if (lease.isEmpty()) return Optional.empty();
            Lease l = lease.get();
            released = Optional.of(new Lease(l.key(), l.mac(), l.address(), l.hostname(), now, Lease.State.RELEASED));
            table.put(released.get());
            journal.append(List.of(LeaseJournal.record(released.get())));
        }
        dns.apply(List.of(DnsChange.remove(released.get().key())));
        return released;
    }

    /** Tells DNS every current host name, e.g. when the DNS bundle has (re)started. */
    void registerAllHostnames() {
        long now = System.currentTimeMillis();
        dns.apply(leases().stream().filter(l -> l.boundAt(now) && !l.hostname().isEmpty()).map(DnsChange::register).toList());
    }

    long journalSkippedLines() {
        return journal.skippedLines();
    }

    /** Answers what is already queued, then stops; bounded in time. */
    void stop() {
        stopping = true;
        try {
            thread.join(STOP_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
            LOG.warn("DHCP worker did not stop within {} ms; interrupted", STOP_MILLIS);
        }
        committer.stop();
        arp.close();
        synchronized (lock) {
            try {
                journal.close();
            } catch (IOException e) {
                LOG.warn("closing the lease journal", e);
            }
        }
    }
}
