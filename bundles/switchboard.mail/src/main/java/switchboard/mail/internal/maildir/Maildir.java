package switchboard.mail.internal.maildir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * One mailbox in Maildir format ({@code tmp/ new/ cur/}). A message is written to {@code tmp/},
 * fsynced, renamed into {@code new/} and the directory fsynced: after {@link #deliver} returns it
 * survives a crash, and a crash before that leaves at most a file in {@code tmp/}, never a half message
 * in {@code new/}.
 */
public final class Maildir {
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final String HOST = hostName();
    private final Path root;

    public Maildir(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Creates {@code tmp/ new/ cur/} if missing. */
    public Maildir create() throws IOException {
        for (String sub : List.of("tmp", "new", "cur")) Files.createDirectories(root.resolve(sub));
        return this;
    }

    /** Stores the message durably and returns its unique name (the file name in {@code new/}). */
    public String deliver(byte[] message) throws IOException {
        create();
        String name = uniqueName();
        Path tmp = root.resolve("tmp").resolve(name);
        try {
            DurableFiles.write(tmp, message, true);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, root.resolve("new").resolve(name), StandardCopyOption.ATOMIC_MOVE);
        DurableFiles.fsyncDirectory(root.resolve("new"));
        return name;
    }

    /**
     * Stores a copy of a file that is already on disk (fsynced), unless this mailbox already holds a message
     * delivered with the same {@code tag}: a hard link where the file system allows it, else a copy.
     *
     * @param tag letters and digits that identify the message, kept in its file name
     * @return false if a message with this tag was here already
     */
    public boolean deliverOnce(Path file, String tag) throws IOException {
        if (!tag.matches("[A-Za-z0-9]{1,64}")) throw new IllegalArgumentException("not a message tag: " + tag);
        create();
        if (holds(tag)) return false;
        String name = (System.currentTimeMillis() / 1000) + ".F" + tag + "." + HOST;
        Path tmp = root.resolve("tmp").resolve(name);
        Files.deleteIfExists(tmp);
        try {
            Files.createLink(tmp, file);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(file, tmp);
            DurableFiles.fsync(tmp);
        }
        Files.move(tmp, root.resolve("new").resolve(name), StandardCopyOption.ATOMIC_MOVE);
        DurableFiles.fsyncDirectory(root.resolve("new"));
        return true;
    }

    private boolean holds(String tag) throws IOException {
        String marker = ".F" + tag + ".";
        for (MaildirMessage m : messages()) if (m.uniqueName().contains(marker)) return true;
        return false;
    }

    /** The messages in {@code new/} and {@code cur/}, oldest first by name. */
    public List<MaildirMessage> messages() throws IOException {
        List<MaildirMessage> all = new ArrayList<>();
        for (String sub : List.of("new", "cur")) {
            Path dir = root.resolve(sub);
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(Files::isRegularFile).forEach(p -> all.add(MaildirMessage.of(p)));
            }
        }
        all.sort(null);
        return all;
    }

    /** Removes a message and makes the removal durable. */
    public void delete(MaildirMessage message) throws IOException {
        Files.deleteIfExists(message.path());
        DurableFiles.fsyncDirectory(message.path().getParent());
    }

    /** Fixed-width numbers, so that the order of the names is the order of delivery (POP3 numbers messages by it). */
    private static String uniqueName() {
        long now = System.currentTimeMillis();
        return String.format("%d.M%03dP%dQ%012d.%s", now / 1000, now % 1000, ProcessHandle.current().pid(), SEQUENCE.incrementAndGet(), HOST);
    }

    private static String hostName() {
        try {
            // '/' and ':' are not allowed in Maildir names
            return java.net.InetAddress.getLocalHost().getHostName().replace("/", "\\057").replace(":", "\\072");
        } catch (IOException e) {
            return "localhost";
        }
    }
}
