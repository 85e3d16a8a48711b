package switchboard.patch.internal;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every version of the files in {@code etc/}, however they change: edited by hand, or written back by
 * File Install after a change in the console or the shell. Watches the directory with the kernel's
 * notifications, so no change between two polls is missed.
 */
@Component(service = ConfigHistory.class, immediate = true)
public class ConfigHistory {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigHistory.class);
    /**
     * File Install writes a file back in place (truncate, then write): a version is taken once the directory
     * has been quiet this long, so a half-written file is never recorded.
     */
    private static final long QUIET_MILLIS = 500;
    private static final String ALL = "";
    private final EtcSnapshots snapshots;
    private final WatchService watcher;
    private final Thread thread;

    @Activate
    public ConfigHistory(BundleContext context) throws IOException {
        Path home = HomeDirectory.of(context);
        Path etc = home.resolve("etc");
        snapshots = new EtcSnapshots(etc, home.resolve("data").resolve("config-history"));
        watcher = FileSystems.getDefault().newWatchService();
        etc.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        snapshots.snapshotAll();
        thread = new Thread(this::watch, "switchboard-config-history");
        thread.setDaemon(true);
        thread.start();
    }

    EtcSnapshots snapshots() {
        return snapshots;
    }

    @Deactivate
    void deactivate() throws IOException, InterruptedException {
        watcher.close();
        thread.join(5000);
    }

    private void watch() {
        Set<String> changed = new TreeSet<>();
        try {
            while (true) {
                WatchKey key = changed.isEmpty() ? watcher.take() : watcher.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS);
                if (key == null) {
                    record(changed);
                    changed.clear();
                    continue;
                }
                for (WatchEvent<?> event : key.pollEvents())
                    changed.add(event.kind() == StandardWatchEventKinds.OVERFLOW ? ALL : event.context().toString());
                key.reset();
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // deactivated
        }
    }

    private void record(Set<String> fileNames) {
        for (String name : fileNames) {
            try {
                if (name.equals(ALL)) snapshots.snapshotAll();
                else snapshots.snapshot(name);
            } catch (IOException e) {
                LOG.warn("configuration history: {} not recorded: {}", name, e.toString());
            }
        }
    }
}
