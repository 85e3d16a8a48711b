package switchboard.audit.internal.checks;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import switchboard.audit.internal.view.SecurityView;

/**
 * A patch is only a patch once it runs: every jar in {@code deploy/} must be installed, active, and not
 * newer than the bundle that runs from it (a newer file is an update that did not apply).
 */
@Component(property = {HealthCheck.NAME + "=Security: patches in deploy/", HealthCheck.TAGS + "=" + SecurityChecks.TAG})
public class PatchLevelCheck implements HealthCheck {
    /** File Install looks every second: a file this much newer than its bundle was not taken, a bundle this old should run. */
    static final Duration GRACE = Duration.ofSeconds(10);

    private final BundleContext context;
    private final SecurityView view;

    @Activate
    public PatchLevelCheck(BundleContext context, @Reference SecurityView view) {
        this.context = context;
        this.view = view;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        Path deploy = view.home().resolve("deploy");
        int current = 0;
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(deploy, "*.jar")) {
            for (Path jar : jars) if (judge(jar, log)) current++;
        } catch (IOException e) {
            log.warn("cannot list {}: {}", deploy, e.getMessage());
        }
        log.info("{} bundle(s) in {} run as deployed", current, deploy);
        return new Result(log);
    }

    /** @return true when the jar runs as deployed */
    private boolean judge(Path jar, FormattingResultLog log) throws IOException {
        Optional<Bundle> bundle = Arrays.stream(context.getBundles()).filter(b -> isFrom(b, jar)).findFirst();
        Instant fileTime = Files.getLastModifiedTime(jar).toInstant();
        if (bundle.isEmpty()) {
            if (fileTime.isAfter(Instant.now().minus(GRACE))) return true; // just copied: File Install takes it within a second or two
            log.critical("{} is not installed: File Install could not install it (not a valid bundle?), so what it holds does not run. "
                    + "Fix: see log/switchboard.log; copy a good jar", jar.getFileName());
            return false;
        }
        Bundle b = bundle.get();
        Instant bundleTime = Instant.ofEpochMilli(b.getLastModified());
        if (fileTime.isAfter(bundleTime.plus(GRACE))) {
            log.critical("{} was replaced at {} but {} {} still runs the version installed at {}: the update failed. Fix: see log/switchboard.log; "
                    + "copy the jar again once the cause is fixed", jar.getFileName(), fileTime, b.getSymbolicName(), b.getVersion(), bundleTime);
            return false;
        }
        boolean fragment = b.getHeaders().get("Fragment-Host") != null;
        boolean settling = bundleTime.isAfter(Instant.now().minus(GRACE));
        if (b.getState() != Bundle.ACTIVE && !(fragment && b.getState() == Bundle.RESOLVED) && !settling) {
            log.critical("{} ({} {}) is installed but not active ({}): it did not resolve or failed to start. Fix: see log/switchboard.log",
                    jar.getFileName(), b.getSymbolicName(), b.getVersion(), state(b.getState()));
            return false;
        }
        return true;
    }

    private static boolean isFrom(Bundle b, Path jar) {
        String location = b.getLocation();
        if (!location.startsWith("file:")) return false;
        try {
            return Path.of(URI.create(location)).toAbsolutePath().normalize().equals(jar.toAbsolutePath().normalize());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String state(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "installed, unresolved";
            case Bundle.RESOLVED -> "resolved, stopped";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            default -> "state " + state;
        };
    }
}
