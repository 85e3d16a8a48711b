package switchboard.audit.internal.log;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.api.accounts.LoginListener;
import switchboard.api.accounts.LoginResult;
import switchboard.audit.internal.view.SecurityView;

/**
 * Writes {@code log/audit.log}: configuration changes (from etc/, the console or the shell, as Config Admin
 * sees them, with the keys that changed), bundle installs, updates and removals, and every login decided by
 * the user directory with its source address (repeated successes of the same user from the same source
 * quietened, see {@link RepeatedSuccesses}).
 */
@Component(immediate = true, service = {ConfigurationListener.class, LoginListener.class})
public class AuditLog implements ConfigurationListener, LoginListener {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    private final AuditTrail trail;
    private final ConfigurationAdmin configs;
    private final BundleContext context;
    private final Map<String, Map<String, String>> known = new ConcurrentHashMap<>();
    private final BundleListener bundles = this::bundleChanged;
    /** Room for every phone of a large site: about 200 bytes a pair, and only successful logins add one. */
    private final RepeatedSuccesses logins = new RepeatedSuccesses(Duration.ofHours(1), 32_768);

    @Activate
    public AuditLog(BundleContext context, @Reference SecurityView view, @Reference ConfigurationAdmin configs) {
        this.context = context;
        this.configs = configs;
        this.trail = new AuditTrail(view.home().resolve("log").resolve("audit.log"));
        try {
            Configuration[] all = configs.listConfigurations(null);
            if (all != null) for (Configuration c : all) known.put(c.getPid(), ConfigChanges.values(c.getProperties()));
        } catch (IOException | InvalidSyntaxException e) {
            LOG.warn("cannot read the current configuration; the first change of each PID is logged without its old values", e);
        }
        context.addBundleListener(bundles);
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(bundles);
        trail.close();
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        String pid = event.getPid();
        if (event.getType() == ConfigurationEvent.CM_DELETED) {
            known.remove(pid);
            write("-", "config", pid + " deleted");
            return;
        }
        if (event.getType() != ConfigurationEvent.CM_UPDATED) return;
        try {
            Configuration[] found = configs.listConfigurations("(service.pid=" + pid + ")");
            if (found == null || found.length == 0) return;
            Map<String, String> now = ConfigChanges.values(found[0].getProperties());
            Map<String, String> before = known.put(pid, now);
            write("-", "config", pid + " " + (before == null ? "created" : "updated") + ": " + ConfigChanges.describe(before == null ? Map.of() : before, now));
        } catch (IOException | InvalidSyntaxException e) {
            write("-", "config", pid + " updated (cannot read it: " + e.getMessage() + ")");
        }
    }

    private void bundleChanged(BundleEvent event) {
        String what = switch (event.getType()) {
            case BundleEvent.INSTALLED -> "installed";
            case BundleEvent.UPDATED -> "updated";
            case BundleEvent.UNINSTALLED -> "uninstalled";
            default -> null;
        };
        if (what == null) return;
        Bundle b = event.getBundle();
        write("-", b.getLocation(), "bundle " + b.getSymbolicName() + " " + b.getVersion() + " " + what);
    }

    @Override
    public void loginAttempted(String name, String source, LoginResult result) {
        if (!logins.shouldWrite(name, source, result, Instant.now())) return;
        write(name, source, switch (result) {
            case ACCEPTED -> "login succeeded";
            case REJECTED -> "login failed";
            case THROTTLED -> "login refused: too many failures from this address";
        });
    }

    private void write(String who, String from, String what) {
        try {
            trail.append(Instant.now(), who, from, what);
        } catch (IOException e) {
            LOG.warn("cannot append to {}: {}", trail.file(), e.getMessage());
        }
    }
}
