package switchboard.audit.internal.checks;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import switchboard.audit.internal.view.SecurityView;

/** The generated admin password stays in a file until it is changed: while the file is there, it is in use. */
@Component(property = {HealthCheck.NAME + "=Security: initial admin password", HealthCheck.TAGS + "=" + SecurityChecks.TAG})
public class InitialPasswordCheck implements HealthCheck {
    private final SecurityView view;

    @Activate
    public InitialPasswordCheck(@Reference SecurityView view) {
        this.view = view;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        Path file = view.home().resolve("data").resolve("initial-admin-password");
        if (Files.exists(file))
            log.warn("the admin account still has the password generated at the first start, readable in {}. "
                    + "Fix: choose your own with sb:passwd admin or on the Switchboard status page (the file is then deleted)", file);
        else log.info("the admin password has been changed from the generated one");
        return new Result(log);
    }
}
