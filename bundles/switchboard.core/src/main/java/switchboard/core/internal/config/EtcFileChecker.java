package switchboard.core.internal.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.api.config.ConfigProblem;
import switchboard.api.config.ConfigProblems;
import switchboard.api.config.InvalidConfigurationException;
import switchboard.core.internal.home.Home;

/**
 * Watches {@code etc/} for files that cannot be parsed at all. Such a file never reaches its component
 * (FileInstall skips it), so without this check the admin would only find a stack trace in the log.
 */
@Component(immediate = true)
public class EtcFileChecker {
    private static final Logger LOG = LoggerFactory.getLogger(EtcFileChecker.class);
    private static final long PERIOD_MILLIS = 1_000;
    static final String MARKER = "cannot parse";

    private final ConfigProblems problems;
    private final Path etc;
    private final Map<Path, Long> seen = new HashMap<>();
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "switchboard-etc-check"));

    @Activate
    public EtcFileChecker(BundleContext context, @Reference ConfigProblems problems) {
        this.problems = problems;
        this.etc = Home.root(context).resolve("etc");
        timer.scheduleWithFixedDelay(this::scan, 0, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
    }

    private void scan() {
        if (!Files.isDirectory(etc)) return;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(etc, "*.{cfg,config}")) {
            for (Path file : files) {
                long stamp = Files.getLastModifiedTime(file).toMillis() ^ Files.size(file);
                Long previous = seen.put(file, stamp);
                if (previous == null || previous != stamp) check(file);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot scan {}", etc, e);
        }
    }

    private void check(Path file) throws IOException {
        String name = file.getFileName().toString();
        String pid = name.substring(0, name.lastIndexOf('.'));
        try {
            ConfigFileSyntax.check(name, Files.readString(file, StandardCharsets.UTF_8));
            for (ConfigProblem p : problems.current())
                if (p.pid().equals(pid) && p.reason().startsWith(MARKER)) problems.clear(pid);
        } catch (InvalidConfigurationException e) {
            problems.report(pid, e);
        }
    }
}
