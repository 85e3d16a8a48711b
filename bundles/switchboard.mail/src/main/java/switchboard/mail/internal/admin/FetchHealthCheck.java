package switchboard.mail.internal.admin;

import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import switchboard.mail.internal.fetch.FetchStatus;
import switchboard.mail.internal.fetch.MailFetcher;

/** Mail fetched from the provider, for monitoring: a warning for each account whose last visit failed or that sends its password in clear text. */
@Component(property = {HealthCheck.NAME + "=Mail fetch", HealthCheck.TAGS + "=switchboard", HealthCheck.TAGS + "=security"})
public class FetchHealthCheck implements HealthCheck {
    private final MailFetcher fetcher;

    @Activate
    public FetchHealthCheck(@Reference MailFetcher fetcher) {
        this.fetcher = fetcher;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        for (FetchStatus s : fetcher.statuses()) {
            if (s.plainText()) log.warn("{}: tls = none, the password crosses the network in clear text", s.account());
            if (s.failures() > 0) log.warn("{}: {} ({} failed attempts in a row)", s.account(), s.result(), s.failures());
            else log.info("{}: {}", s.account(), s.result());
        }
        if (fetcher.statuses().isEmpty()) log.info("no fetch accounts");
        return new Result(log);
    }
}
