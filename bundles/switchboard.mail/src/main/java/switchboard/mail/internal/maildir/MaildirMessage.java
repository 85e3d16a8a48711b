package switchboard.mail.internal.maildir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stored message. {@code uniqueName} is the part of the file name before any {@code :2,} flags, stable
 * while the message moves from {@code new/} to {@code cur/}: POP3 uses it as the UIDL.
 */
public record MaildirMessage(Path path, String uniqueName, long size) implements Comparable<MaildirMessage> {

    static MaildirMessage of(Path path) {
        String file = path.getFileName().toString();
        int flags = file.indexOf(':');
        try {
            return new MaildirMessage(path, flags < 0 ? file : file.substring(0, flags), Files.size(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int compareTo(MaildirMessage other) {
        return uniqueName.compareTo(other.uniqueName);
    }
}
