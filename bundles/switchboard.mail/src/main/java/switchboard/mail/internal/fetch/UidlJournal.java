package switchboard.mail.internal.fetch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import switchboard.mail.internal.maildir.DurableFiles;

/**
 * The unique ids of one provider mailbox whose messages are stored here, one per line in
 * {@code data/mail/fetch/<mailbox>/uidl}. An id is appended and synced after the message is in every
 * mailbox and before it is deleted at the provider, so neither a crash nor a kept message is fetched twice.
 */
final class UidlJournal {
    private final Path file;
    private final Set<String> uids = new LinkedHashSet<>();

    private UidlJournal(Path file) {
        this.file = file;
    }

    static UidlJournal open(Path dir) throws IOException {
        Files.createDirectories(dir);
        UidlJournal journal = new UidlJournal(dir.resolve("uidl"));
        if (Files.exists(journal.file))
            for (String line : Files.readAllLines(journal.file, StandardCharsets.UTF_8)) if (!line.isBlank()) journal.uids.add(line.strip());
        return journal;
    }

    boolean contains(String uid) {
        return uids.contains(uid);
    }

    int size() {
        return uids.size();
    }

    void record(String uid) throws IOException {
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer line = ByteBuffer.wrap((uid + "\n").getBytes(StandardCharsets.UTF_8));
            while (line.hasRemaining()) out.write(line);
            out.force(true);
        }
        uids.add(uid);
    }

    /** Forgets the ids no longer at the provider (after its deletions are committed), rewriting the file in one step. */
    void retainOnly(Collection<String> onServer) throws IOException {
        if (!uids.retainAll(Set.copyOf(onServer))) return;
        Path part = file.resolveSibling("uidl.part");
        DurableFiles.write(part, String.join("", uids.stream().map(u -> u + "\n").toList()).getBytes(StandardCharsets.UTF_8), false);
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        DurableFiles.fsyncDirectory(file.getParent());
    }
}
