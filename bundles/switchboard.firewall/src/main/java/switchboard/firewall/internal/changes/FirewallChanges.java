package switchboard.firewall.internal.changes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.api.config.InvalidConfigurationException;
import switchboard.api.network.NetworkMode;
import switchboard.api.network.NetworkModel;
import switchboard.firewall.internal.apply.Firewall;
import switchboard.firewall.internal.config.RuleConfigs;
import switchboard.firewall.internal.rules.Exposure;
import switchboard.firewall.internal.rules.Forward;

/**
 * Changes of mode, exposures and forwards made from the console or the shell. Each is written to its file
 * in {@code etc/} (from where FileInstall configures the components, and where it survives a restart) and
 * opens, or extends, a confirmation window: unless {@link #confirm()} is called in time, every file touched
 * since the window opened gets its earlier content back, and the firewall re-applies the previous ruleset.
 */
@Component(service = FirewallChanges.class)
public class FirewallChanges {
    private static final Logger LOG = LoggerFactory.getLogger(FirewallChanges.class);
    private static final Pattern MODE_LINE = Pattern.compile("(?m)^mode\\s*[=:].*$");
    private final Firewall firewall;
    private final Path etc;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "switchboard-firewall-confirm"));
    /** Each file changed in the open window, with its content before the first change (empty: it did not exist). */
    private final Map<Path, Optional<String>> before = new LinkedHashMap<>();
    private ScheduledFuture<?> rollback;
    private Instant deadline;

    @Activate
    public FirewallChanges(@Reference Firewall firewall, BundleContext context) {
        this.firewall = firewall;
        String home = context.getProperty("switchboard.home");
        this.etc = Path.of(home == null ? "switchboard-home" : home).toAbsolutePath().resolve("etc");
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
    }

    public void mode(String mode) throws IOException {
        NetworkMode.fromKey(mode);
        Path file = etc.resolve(NetworkModel.PID + ".cfg");
        String text = read(file).orElse("");
        Matcher line = MODE_LINE.matcher(text);
        String next = line.find() ? line.replaceFirst("mode = " + mode)
                : text + (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + "mode = " + mode + "\n";
        change(file, Optional.of(next));
    }

    public void expose(String name, String ports) throws IOException {
        Exposure exposure = parsed(() -> RuleConfigs.exposure(Map.of("service.pid", RuleConfigs.EXPOSE_PID + "~" + name, "ports", ports)));
        change(file(RuleConfigs.EXPOSE_PID, exposure.name()), Optional.of("ports = " + exposure.ports() + "\n"));
    }

    public void forward(String name, String ports, String to) throws IOException {
        Forward forward = parsed(() -> RuleConfigs.forward(Map.of("service.pid", RuleConfigs.FORWARD_PID + "~" + name, "ports", ports, "to", to)));
        change(file(RuleConfigs.FORWARD_PID, forward.name()), Optional.of("ports = " + forward.wanPorts() + "\nto = "
                + forward.lanHost().getHostAddress() + ":" + forward.lanPort() + "\n"));
    }

    /** Removes an exposure or forward; false if there is none of that name. */
    public boolean remove(String factoryPid, String name) throws IOException {
        if (!Exposure.validName(name)) return false;
        Path file = file(factoryPid, name);
        if (!Files.exists(file)) return false;
        change(file, Optional.empty());
        return true;
    }

    /** Keeps the changes made in the open window; false if there was none. */
    public synchronized boolean confirm() {
        if (rollback == null) return false;
        rollback.cancel(false);
        rollback = null;
        deadline = null;
        before.clear();
        LOG.info("firewall changes confirmed");
        return true;
    }

    /** What the admin is told after a change. */
    public String confirmationNotice() {
        return "Applied. Confirm within " + firewall.config().confirmWindow().toSeconds()
                + " s, or the previous rules return by themselves.";
    }

    /** When the open window closes with a rollback, if one is open. */
    public synchronized Optional<Instant> deadline() {
        return Optional.ofNullable(deadline);
    }

    private synchronized void rollBack() {
        LOG.warn("firewall changes not confirmed in time: restoring the previous configuration");
        for (Map.Entry<Path, Optional<String>> e : before.entrySet()) {
            try {
                write(e.getKey(), e.getValue());
            } catch (IOException ex) {
                LOG.warn("cannot restore {}", e.getKey(), ex);
            }
        }
        before.clear();
        rollback = null;
        deadline = null;
    }

    private interface Parse<T> {
        T run() throws InvalidConfigurationException;
    }

    private static <T> T parsed(Parse<T> parse) {
        try {
            return parse.run();
        } catch (InvalidConfigurationException e) {
            throw new IllegalArgumentException(e.key() + ": " + e.getMessage());
        }
    }

    private synchronized void change(Path file, Optional<String> content) throws IOException {
        before.putIfAbsent(file, read(file));
        write(file, content);
        if (rollback != null) rollback.cancel(false);
        var window = firewall.config().confirmWindow();
        deadline = Instant.now().plus(window);
        rollback = timer.schedule(this::rollBack, window.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("firewall change written to {}: confirm within {} s or it is undone", file.getFileName(), window.toSeconds());
    }

    /** {@code etc/<factory PID>-<name>.cfg}, the file FileInstall makes the factory configuration {@code <factory PID>~<name>} of. */
    private Path file(String factoryPid, String name) {
        return etc.resolve(factoryPid + "-" + name + ".cfg");
    }

    private static Optional<String> read(Path file) throws IOException {
        return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
    }

    /** Replaces the file in one step, so FileInstall never reads half of it; empty content deletes it. */
    private static void write(Path file, Optional<String> content) throws IOException {
        if (content.isEmpty()) {
            Files.deleteIfExists(file);
            return;
        }
        Path part = file.resolveSibling("." + file.getFileName() + ".part");
        Files.writeString(part, content.get(), StandardCharsets.UTF_8);
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
