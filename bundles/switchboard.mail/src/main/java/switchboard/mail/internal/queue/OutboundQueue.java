package switchboard.mail.internal.queue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.mail.internal.maildir.DurableFiles;

/**
 * Mail for other domains under {@code data/mail/queue/}: {@code <id>.msg} (the message) and
 * {@code <id>.env} (the envelope, written after the message). Only an entry with an envelope exists;
 * both are fsynced before {@link #enqueue} returns, so the queue survives crashes, restarts and updates.
 */
public final class OutboundQueue {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundQueue.class);
    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
    private final Path dir;

    public OutboundQueue(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    public QueueEntry enqueue(String sender, List<String> recipients, byte[] message) throws IOException {
        String id = UUID.randomUUID().toString().replace("-", "");
        DurableFiles.write(dir.resolve(id + ".msg"), message, true);
        Instant now = Instant.now();
        QueueEntry entry = new QueueEntry(id, sender, recipients, now, 0, now, "");
        save(entry);
        return entry;
    }

    /** Replaces the entry's envelope atomically (after a delivery attempt). */
    public void save(QueueEntry entry) throws IOException {
        Path part = dir.resolve(entry.id() + ".env.part");
        DurableFiles.write(part, entry.format().getBytes(StandardCharsets.UTF_8), false);
        Files.move(part, dir.resolve(entry.id() + ".env"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        DurableFiles.fsyncDirectory(dir);
    }

    public List<QueueEntry> entries() throws IOException {
        List<QueueEntry> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".env")).toList()) {
                String id = p.getFileName().toString().replace(".env", "");
                try {
                    all.add(QueueEntry.parse(id, Files.readString(p, StandardCharsets.UTF_8)));
                } catch (IllegalArgumentException | java.time.DateTimeException e) {
                    LOG.warn("queue entry {} unreadable, left in place: {}", p, e.getMessage());
                }
            }
        }
        all.sort(java.util.Comparator.comparing(QueueEntry::queued));
        return all;
    }

    public Optional<QueueEntry> find(String id) throws IOException {
        return entries().stream().filter(e -> e.id().equals(id)).findFirst();
    }

    public byte[] message(QueueEntry entry) throws IOException {
        return Files.readAllBytes(dir.resolve(entry.id() + ".msg"));
    }

    /** @return false if there was no such entry */
    public boolean delete(String id) throws IOException {
        if (!ID.matcher(id).matches()) return false;
        boolean existed = Files.deleteIfExists(dir.resolve(id + ".env"));
        Files.deleteIfExists(dir.resolve(id + ".msg"));
        DurableFiles.fsyncDirectory(dir);
        return existed;
    }

}
