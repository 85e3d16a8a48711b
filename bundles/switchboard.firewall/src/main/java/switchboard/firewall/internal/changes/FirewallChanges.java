package switchboard.firewall.internal.changes;

import java.io.IOException;
import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
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

/**
 * Changes of mode, exposures and forwards made from the console or the shell. Each is written to the
 * configuration (so {@code etc/} shows it) and opens, or extends, a confirmation window: unless
 * {@link #confirm()} is called in time, every configuration touched since the window opened is put back
 * as it was, and the firewall re-applies the previous ruleset.
 */
@Component(service = FirewallChanges.class)
public class FirewallChanges {
    private static final Logger LOG = LoggerFactory.getLogger(FirewallChanges.class);
    private final ConfigurationAdmin configurationAdmin;
    private final Firewall firewall;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "switchboard-firewall-confirm"));
    /** Each configuration changed in the open window, as it was before the first change (empty: it did not exist). */
    private final Map<ConfigurationKey, Optional<Dictionary<String, Object>>> before = new LinkedHashMap<>();
    private ScheduledFuture<?> rollback;
    private Instant deadline;

    private record ConfigurationKey(String factoryPid, String nameOrPid) {}

    @Activate
    public FirewallChanges(@Reference ConfigurationAdmin configurationAdmin, @Reference Firewall firewall) {
        this.configurationAdmin = configurationAdmin;
        this.firewall = firewall;
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
    }

    public void mode(String mode) throws IOException {
        NetworkMode.fromKey(mode);
        change(new ConfigurationKey(null, NetworkModel.PID), "mode", mode);
    }

    public void expose(String name, String ports) throws IOException {
        Map<String, Object> properties = Map.of("service.pid", RuleConfigs.EXPOSE_PID + "~" + name, "ports", ports);
        check(() -> RuleConfigs.exposure(properties));
        change(new ConfigurationKey(RuleConfigs.EXPOSE_PID, name), "ports", ports);
    }

    public void forward(String name, String ports, String to) throws IOException {
        Map<String, Object> properties = Map.of("service.pid", RuleConfigs.FORWARD_PID + "~" + name, "ports", ports, "to", to);
        check(() -> RuleConfigs.forward(properties));
        change(new ConfigurationKey(RuleConfigs.FORWARD_PID, name), "ports", ports, "to", to);
    }

    /** Removes an exposure or forward; false if there is none of that name. */
    public boolean remove(String factoryPid, String name) throws IOException {
        ConfigurationKey key = new ConfigurationKey(factoryPid, name);
        Configuration c = configuration(key);
        if (c.getProperties() == null) {
            c.delete();
            return false;
        }
        remember(key, c);
        c.delete();
        armRollback();
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

    /** When the open window closes with a rollback, if one is open. */
    public synchronized Optional<Instant> deadline() {
        return Optional.ofNullable(deadline);
    }

    /** Puts back every configuration the window changed. */
    public synchronized void rollBack() {
        LOG.warn("firewall changes not confirmed in time: restoring the previous configuration");
        for (Map.Entry<ConfigurationKey, Optional<Dictionary<String, Object>>> e : before.entrySet()) {
            try {
                Configuration c = configuration(e.getKey());
                if (e.getValue().isPresent()) c.updateIfDifferent(e.getValue().get());
                else c.delete();
            } catch (IOException | IllegalStateException ex) {
                LOG.warn("cannot restore {}", e.getKey(), ex);
            }
        }
        before.clear();
        rollback = null;
        deadline = null;
    }

    private interface Check {
        void run() throws InvalidConfigurationException;
    }

    private static void check(Check check) {
        try {
            check.run();
        } catch (InvalidConfigurationException e) {
            throw new IllegalArgumentException(e.key() + ": " + e.getMessage());
        }
    }

    private synchronized void change(ConfigurationKey key, String... keysAndValues) throws IOException {
        Configuration c = configuration(key);
        remember(key, c);
        Dictionary<String, Object> next = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        for (int i = 0; i < keysAndValues.length; i += 2) next.put(keysAndValues[i], keysAndValues[i + 1]);
        c.update(next);
        armRollback();
    }

    private synchronized void remember(ConfigurationKey key, Configuration c) {
        before.putIfAbsent(key, Optional.ofNullable(c.getProperties()));
    }

    private synchronized void armRollback() {
        if (rollback != null) rollback.cancel(false);
        var window = firewall.config().confirmWindow();
        deadline = Instant.now().plus(window);
        rollback = timer.schedule(this::rollBack, window.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("firewall change applied: confirm within {} s or it is undone", window.toSeconds());
    }

    private Configuration configuration(ConfigurationKey key) throws IOException {
        return key.factoryPid() == null ? configurationAdmin.getConfiguration(key.nameOrPid(), "?")
                : configurationAdmin.getFactoryConfiguration(key.factoryPid(), key.nameOrPid(), "?");
    }
}
