package switchboard.mail.internal.maildir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The mailboxes under {@code data/mail/}: {@code <user>/Maildir/} for each user, and the outbound queue. */
public final class MailStore {
    /** The user names the core directory allows; anything else never becomes a path. */
    private static final Pattern USER = Pattern.compile("[a-z][a-z0-9._-]{0,31}");
    private final Path root;

    public MailStore(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Maildir mailbox(String user) {
        if (!USER.matcher(user).matches() || user.contains("..")) throw new IllegalArgumentException("not a user name: " + user);
        return new Maildir(root.resolve(user).resolve("Maildir"));
    }

    /** A mailbox's name, message count and total size. */
    public record Usage(String user, int messages, long bytes) {}

    public List<Usage> usage() throws IOException {
        List<Usage> rows = new ArrayList<>();
        if (!Files.isDirectory(root)) return rows;
        try (Stream<Path> users = Files.list(root)) {
            for (Path dir : users.sorted().toList()) {
                String user = dir.getFileName().toString();
                if (!USER.matcher(user).matches() || !Files.isDirectory(dir.resolve("Maildir"))) continue;
                List<MaildirMessage> messages = mailbox(user).messages();
                rows.add(new Usage(user, messages.size(), messages.stream().mapToLong(MaildirMessage::size).sum()));
            }
        }
        return rows;
    }
}
