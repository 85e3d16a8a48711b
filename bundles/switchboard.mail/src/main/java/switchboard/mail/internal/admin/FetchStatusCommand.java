package switchboard.mail.internal.admin;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import switchboard.mail.internal.fetch.FetchStatus;
import switchboard.mail.internal.fetch.MailFetcher;

/**
 * {@code mail:fetch-status}: each fetch account, its last run, result and counts. A {@link Function}
 * because a Java method cannot be called {@code fetch-status}.
 */
@Component(service = Function.class, property = {"osgi.command.scope=mail", "osgi.command.function=fetch-status"})
public class FetchStatusCommand implements Function {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private final MailFetcher fetcher;

    @Activate
    public FetchStatusCommand(@Reference MailFetcher fetcher) {
        this.fetcher = fetcher;
    }

    @Override
    public Object execute(CommandSession session, List<Object> arguments) {
        List<FetchStatus> all = fetcher.statuses();
        if (all.isEmpty()) return "No fetch accounts (etc/switchboard.mail.fetch-<name>.cfg).";
        StringBuilder sb = new StringBuilder();
        for (FetchStatus s : all)
            sb.append(s.account()).append("  -> ").append(s.catchAll() ? "catch-all (admin)" : s.user()).append(s.keep() ? ", kept on the server" : "")
                    .append("\n    last run ").append(time(s.lastRun())).append(s.running() ? " (running now)" : "").append(": ").append(s.result())
                    .append("\n    since start ").append(s.downloaded()).append(" fetched, ").append(s.copies()).append(" delivered")
                    .append(s.failures() > 0 ? ", " + s.failures() + " failed attempts in a row" : "").append(", next run ")
                    .append(time(s.nextRun())).append('\n');
        return sb.toString();
    }

    static String time(Optional<Instant> t) {
        return t.map(TIME::format).orElse("-");
    }
}
