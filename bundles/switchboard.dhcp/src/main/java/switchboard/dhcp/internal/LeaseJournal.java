package switchboard.dhcp.internal;

import java.io.IOException;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.api.network.Cidr;

/**
 * The append-only lease journal {@code leases.journal}, one line per change:
 * <pre>
 * B key mac address expires-millis hostname   bound (hostname may be empty)
 * R key mac address expires-millis hostname   released (kept so the client gets the address back)
 * D address until-millis                      declined: quarantined until then
 * </pre>
 * Lines are synced to disk before the server answers. A line torn by a crash is cut off at the
 * next open. When the journal has grown well past the live set it is rewritten (compacted) into
 * a temporary file that atomically replaces it.
 */
final class LeaseJournal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LeaseJournal.class);
    static final String FILE_NAME = "leases.journal";
    /** Compaction happens once the journal has this many more lines than a snapshot would need, at least. */
    private static final int MIN_GARBAGE_LINES = 10_000;

    private final Path file;
    private volatile FileChannel channel;
    private long lines;
    private long skipped;

    LeaseJournal(Path directory) throws IOException {
        Files.createDirectories(directory);
        this.file = directory.resolve(FILE_NAME);
    }

    /** Replays the journal into the table and opens it for appending. */
    void open(LeaseTable table) throws IOException {
        if (Files.exists(file)) {
            cutTornTail();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                lines++;
                try {
                    apply(line, table);
                } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                    skipped++;
                    LOG.warn("lease journal {}: skipping unreadable line '{}': {}", file, line, e.getMessage());
                }
            }
        }
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    long skippedLines() {
        return skipped;
    }

    /** A crash can leave half a line; appending after it would glue the next record to it. */
    private void cutTornTail() throws IOException {
        try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = c.size();
            long end = size;
            ByteBuffer one = ByteBuffer.allocate(1);
            while (end > 0) {
                one.clear();
                c.read(one, end - 1);
                if (one.get(0) == '\n') break;
                end--;
            }
            if (end < size) {
                LOG.warn("lease journal {}: cutting {} bytes of a record torn by a crash", file, size - end);
                c.truncate(end);
                c.force(true);
            }
        }
    }

    private static void apply(String line, LeaseTable table) {
        String[] f = line.split(" ", -1);
        switch (f[0]) {
            case "B", "R" -> {
                if (f.length != 6) throw new IllegalArgumentException("expected 6 fields");
                if (!f[5].isEmpty() && !HostnameLabel.valid(f[5])) throw new IllegalArgumentException("bad host name");
                if (f[1].isEmpty() || f[2].isEmpty()) throw new IllegalArgumentException("empty client key or MAC");
                table.put(new Lease(f[1], f[2], Cidr.parseIpv4(f[3]), f[5],
                        Long.parseLong(f[4]), f[0].equals("B") ? Lease.State.BOUND : Lease.State.RELEASED));
            }
            case "D" -> {
                if (f.length != 3) throw new IllegalArgumentException("expected 3 fields");
                table.quarantine(Cidr.toInt(Cidr.parseIpv4(f[1])), Long.parseLong(f[2]));
            }
            default -> throw new IllegalArgumentException("unknown record type");
        }
    }

    static String record(Lease lease) {
        return (lease.state() == Lease.State.BOUND ? "B " : "R ") + lease.key() + " " + lease.mac() + " "
                + lease.address().getHostAddress() + " " + lease.expiresAt() + " " + lease.hostname();
    }

    static String declined(Inet4Address address, long until) {
        return "D " + address.getHostAddress() + " " + until;
    }

    /** Appends the records and syncs them: when this returns they survive a crash. */
    void append(List<String> records) throws IOException {
        write(records);
        force();
    }

    /** Appends the records without waiting for the disk; {@link #force()} makes them durable. */
    synchronized void write(List<String> records) throws IOException {
        if (records.isEmpty()) return;
        StringBuilder text = new StringBuilder();
        records.forEach(r -> text.append(r).append('\n'));
        ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) channel.write(bytes);
        lines += records.size();
    }

    /** Syncs everything written so far. Runs beside {@link #write}, never beside {@link #compact}. */
    void force() throws IOException {
        channel.force(false);
    }

    synchronized boolean wantsCompaction(LeaseTable table) {
        long live = table.all().size() + table.quarantine().size();
        return lines > 2 * live + MIN_GARBAGE_LINES;
    }

    /** Rewrites the journal as the table's current state; the old one stays until the new one is synced. */
    synchronized void compact(LeaseTable table) throws IOException {
        Path temporary = file.resolveSibling(FILE_NAME + ".new");
        long written = 0;
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            StringBuilder text = new StringBuilder();
            for (Lease lease : table.all()) {
                if (lease.state() == Lease.State.OFFERED) continue;
                text.append(record(lease)).append('\n');
                written++;
            }
            for (var q : table.quarantine().entrySet()) {
                text.append(declined(Cidr.fromInt(q.getKey()), q.getValue())).append('\n');
                written++;
            }
            ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) out.write(bytes);
            out.force(true);
        }
        channel.close();
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory();
        channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        LOG.info("lease journal {}: compacted from {} to {} lines", file, lines, written);
        lines = written;
    }

    private void syncDirectory() {
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            LOG.debug("cannot sync directory {}: {}", file.getParent(), e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        if (channel != null) channel.close();
    }
}
