package switchboard.mail.internal.admin;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import switchboard.mail.internal.MailServer;
import switchboard.mail.internal.fetch.MailFetcher;
import switchboard.mail.internal.maildir.MailStore;
import switchboard.mail.internal.queue.QueueEntry;

/** The {@code mail:} shell commands. */
@Component(service = MailCommands.class, property = {
        "osgi.command.scope=mail", "osgi.command.function=queue", "osgi.command.function=flush",
        "osgi.command.function=delete", "osgi.command.function=stats", "osgi.command.function=aliases",
        "osgi.command.function=fetch"})
public class MailCommands {
    private final MailServer mail;
    private final MailFetcher fetcher;

    @Activate
    public MailCommands(@Reference MailServer mail, @Reference MailFetcher fetcher) {
        this.mail = mail;
        this.fetcher = fetcher;
    }

    @Descriptor("fetch every provider mailbox now, whatever its interval or back-off (see mail:fetch-status)")
    public String fetch() {
        int n = fetcher.fetchNow();
        return n == 0 ? "No fetch accounts (etc/switchboard.mail.fetch-<name>.cfg)." : "Fetching " + n + " accounts; see mail:fetch-status.";
    }

    @Descriptor("the outbound queue: id, sender, recipients, attempts, next attempt, last error")
    public String queue() throws IOException {
        List<QueueEntry> entries = mail.queue().entries();
        if (entries.isEmpty()) return "The queue is empty.";
        StringBuilder sb = new StringBuilder();
        for (QueueEntry e : entries)
            sb.append(e.id()).append("  from <").append(e.sender()).append(">  to ").append(String.join(", ", e.recipients()))
                    .append("\n    queued ").append(e.queued()).append(", ").append(e.attempts()).append(" attempts, next ")
                    .append(e.nextAttempt()).append(e.lastError().isEmpty() ? "" : ", last error: " + e.lastError()).append('\n');
        return sb.toString();
    }

    @Descriptor("try every queued message now, ignoring its back-off")
    public String flush() {
        mail.flushQueue();
        return "Delivery of the queue started; see mail:queue.";
    }

    @Descriptor("remove a message from the outbound queue, without a bounce")
    public String delete(@Descriptor("queue id (see mail:queue)") String id) throws IOException {
        return mail.queue().delete(id) ? "Deleted " + id + "." : "No queued message " + id + ".";
    }

    @Descriptor("counters since start, open sessions, mailboxes and queue size")
    public String stats() throws IOException {
        MailServer.Stats s = mail.stats();
        StringBuilder sb = new StringBuilder();
        sb.append("accepted ").append(s.accepted()).append(" messages, ").append(s.delivered()).append(" mailbox copies, ")
                .append(s.queued()).append(" queued for other domains, ").append(s.sent()).append(" sent, ")
                .append(s.bounced()).append(" bounced\n");
        sb.append("open sessions: SMTP ").append(s.smtpSessions()).append(", POP3 ").append(s.pop3Sessions()).append('\n');
        sb.append("queue: ").append(mail.queue().entries().size()).append(" messages\n");
        for (MailStore.Usage u : mail.store().usage())
            sb.append("mailbox ").append(u.user()).append(": ").append(u.messages()).append(" messages, ").append(u.bytes()).append(" bytes\n");
        return sb.toString();
    }

    @Descriptor("the aliases and their members")
    public String aliases() {
        Map<String, List<String>> all = mail.aliases().definitions();
        if (all.isEmpty()) return "No aliases (etc/switchboard.mail.alias-<name>.cfg).";
        StringBuilder sb = new StringBuilder();
        all.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> sb.append(e.getKey()).append(" = ").append(String.join(" ", e.getValue())).append('\n'));
        return sb.toString();
    }
}
