package switchboard.mail.internal.fetch;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SSLSocketFactory;

/**
 * One visit to a provider mailbox: log in, list the unique ids, download each message not in the
 * journal to a file in {@code data/mail/fetch/tmp/} (streamed, synced), deliver it, journal its id, and
 * only then mark it deleted (unless kept); QUIT commits the deletions.
 */
final class FetchSession {
    /** What one visit did: messages at the provider (-1: not known), downloaded, mailbox copies made. */
    record Outcome(int onServer, int downloaded, int copies) {}

    private final FetchSettings account;
    private final String password;
    private final UidlJournal journal;
    private final FetchDelivery delivery;
    private final Path downloads;
    private final SSLSocketFactory tls;
    private int downloaded;
    private int copies;

    FetchSession(FetchSettings account, String password, UidlJournal journal, FetchDelivery delivery, Path downloads, SSLSocketFactory tls) {
        this.account = account;
        this.password = password;
        this.journal = journal;
        this.delivery = delivery;
        this.downloads = downloads;
        this.tls = tls;
    }

    /** @param connected told the open client, so that a shutdown can close it under a blocked read */
    Outcome run(Consumer<Pop3Client> connected) throws IOException {
        try (Pop3Client client = Pop3Client.connect(account.server(), account.port(), account.tls(), tls,
                Duration.ofSeconds(account.timeoutSeconds()))) {
            connected.accept(client);
            client.login(account.login(), password);
            client.stat();
            List<Pop3Reply.Listing> listing = client.uidl();
            for (Pop3Reply.Listing message : listing) {
                if (Thread.currentThread().isInterrupted()) throw new IOException("stopped");
                if (!journal.contains(message.uid())) download(client, message);
                if (!account.keepOnServer()) client.delete(message.number());
            }
            client.quit();
            List<String> remaining = new ArrayList<>();
            if (account.keepOnServer()) for (Pop3Reply.Listing message : listing) remaining.add(message.uid());
            journal.retainOnly(remaining);
            return new Outcome(listing.size(), downloaded, copies);
        }
    }

    /** What this visit delivered so far: also counts when it fails later. */
    Outcome progress() {
        return new Outcome(-1, downloaded, copies);
    }

    private void download(Pop3Client client, Pop3Reply.Listing message) throws IOException {
        Files.createDirectories(downloads);
        Path file = Files.createTempFile(downloads, "retr", ".eml");
        try {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
                client.retrieve(message.number(), out);
                out.flush();
                channel.force(true);
            }
            copies += delivery.deliver(file, account, message.uid());
            journal.record(message.uid());
            downloaded++;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
