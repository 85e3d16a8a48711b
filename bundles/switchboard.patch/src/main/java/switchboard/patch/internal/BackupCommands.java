package switchboard.patch.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sb:backup FILE} and {@code sb:restore FILE}. A restore stops Switchboard's bundles (not the API
 * bundle, not this one), replaces etc/ and data/, and starts them again, core first, so each reads its
 * state anew; File Install applies the restored etc/.
 */
@Component(service = BackupCommands.class, property = {"osgi.command.scope=sb", "osgi.command.function=backup", "osgi.command.function=restore"})
public class BackupCommands {
    private static final Logger LOG = LoggerFactory.getLogger(BackupCommands.class);
    private static final String CORE = "switchboard.core";
    private final BundleContext context;
    private final PatchManager patches;
    private final HomeArchive archive;

    @Activate
    public BackupCommands(BundleContext context, @Reference PatchManager patches) {
        this.context = context;
        this.patches = patches;
        this.archive = new HomeArchive(HomeDirectory.of(context));
    }

    @Descriptor("write one zip of etc/ and data/ (mailboxes, queue, leases, registrations, accounts, keys) while running")
    public String backup(@Descriptor("archive file to write") String file) throws IOException {
        Path target = Path.of(file).toAbsolutePath();
        if (target.getParent() == null || !Files.isDirectory(target.getParent())) return "Not written: " + target.getParent() + " is not a directory.";
        int files = archive.backup(target);
        LOG.info("backup of {} files written to {}", files, target);
        return "Backup of " + files + " files written to " + target + ".";
    }

    @Descriptor("replace etc/ and data/ with a backup's and restart Switchboard's bundles on it")
    public String restore(@Descriptor("archive written by sb:backup") String file) throws IOException {
        Path source = Path.of(file).toAbsolutePath();
        if (!Files.isRegularFile(source)) return "Not restored: " + source + " is not a file.";
        try {
            HomeArchive.entries(source);
        } catch (IllegalArgumentException e) {
            return "Not restored, nothing changed: " + e.getMessage();
        }
        List<Bundle> stopped = stopSwitchboard();
        try {
            archive.restore(source);
        } finally {
            start(stopped);
        }
        patches.rememberRunning();
        LOG.info("home restored from {}", source);
        return "Restored " + source + "; restarted " + stopped.size() + " bundles.";
    }

    /** Stops the active Switchboard bundles, the capabilities before core; returns them in start order. */
    private List<Bundle> stopSwitchboard() {
        List<Bundle> running = new ArrayList<>();
        for (Bundle b : context.getBundles()) {
            String bsn = b.getSymbolicName();
            if (bsn != null && bsn.startsWith("switchboard.") && !bsn.equals("switchboard.api") && !b.equals(context.getBundle())
                    && b.getState() == Bundle.ACTIVE) running.add(b);
        }
        running.sort(Comparator.comparing((Bundle b) -> !CORE.equals(b.getSymbolicName())).thenComparing(Bundle::getBundleId));
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).stop(Bundle.STOP_TRANSIENT);
            } catch (BundleException e) {
                LOG.warn("restore: cannot stop {}: {}", running.get(i).getSymbolicName(), e.toString());
            }
        }
        return running;
    }

    private static void start(List<Bundle> bundles) {
        for (Bundle b : bundles) {
            try {
                b.start(Bundle.START_TRANSIENT);
            } catch (BundleException e) {
                LOG.error("restore: cannot start {} again", b.getSymbolicName(), e);
            }
        }
    }
}
