package switchboard.patch.internal;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
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
        try {
            while (true) {
                WatchKey key = watcher.take();
                for (WatchEvent<?> event : key.pollEvents()) {
                    try {
                        if (event.kind() == StandardWatchEventKinds.OVERFLOW) snapshots.snapshotAll();
                        else snapshots.snapshot(event.context().toString());
                    } catch (IOException e) {
                        LOG.warn("configuration history: {} not recorded: {}", event.context(), e.toString());
                    }
                }
                key.reset();
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // deactivated
        }
    }
}
