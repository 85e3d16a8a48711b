package switchboard.mail.internal.pop3;

import java.io.IOException;
import java.nio.file.Files;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import switchboard.mail.internal.maildir.Maildir;
import switchboard.mail.internal.maildir.MaildirMessage;

/**
 * A POP3 session's view of a Maildir: the messages present at login, numbered from 1, with deletion
 * marks that take effect only at QUIT (RFC 1939 UPDATE state).
 */
final class Pop3Mailbox {
    private final Maildir maildir;
    private final List<MaildirMessage> messages;
    private final BitSet deleted = new BitSet();

    Pop3Mailbox(Maildir maildir) throws IOException {
        this.maildir = maildir.create();
        this.messages = maildir.messages();
    }

    int size() {
        return messages.size();
    }

    /** The message with this 1-based number, unless it does not exist or is marked deleted. */
    Optional<MaildirMessage> message(int number) {
        if (number < 1 || number > messages.size() || deleted.get(number - 1)) return Optional.empty();
        return Optional.of(messages.get(number - 1));
    }

    int liveCount() {
        return messages.size() - deleted.cardinality();
    }

    long liveOctets() {
        long sum = 0;
        for (int i = 0; i < messages.size(); i++) if (!deleted.get(i)) sum += messages.get(i).size();
        return sum;
    }

    boolean markDeleted(int number) {
        if (message(number).isEmpty()) return false;
        deleted.set(number - 1);
        return true;
    }

    void unmarkAll() {
        deleted.clear();
    }

    byte[] content(MaildirMessage message) throws IOException {
        return Files.readAllBytes(message.path());
    }

    /** Removes the marked messages; returns how many could not be removed. */
    int expunge() {
        int failed = 0;
        for (int i = deleted.nextSetBit(0); i >= 0; i = deleted.nextSetBit(i + 1)) {
            try {
                maildir.delete(messages.get(i));
            } catch (IOException e) {
                failed++;
            }
        }
        return failed;
    }
}
