package switchboard.patch.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.Version;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.api.config.ConfigValues;
import switchboard.api.config.InvalidConfigurationException;
import switchboard.patch.internal.PatchRecord.Result;

/**
 * Health-gated updates of the bundles in {@code deploy/}. File Install stays the one that installs and
 * updates them; this manager checks a patch before it goes into {@code deploy/} ({@link #patch}), watches
 * every update (also of jars copied into {@code deploy/} by hand), and when the updated bundle is not healthy
 * within the window puts the previous jar back into {@code deploy/}, so File Install itself restores it and
 * never reinstalls the bad one. Every version that ran is kept in {@code data/patches/}.
 */
@Component(service = PatchManager.class, configurationPid = PatchManager.PID, immediate = true)
@Designate(ocd = PatchManager.Config.class)
public class PatchManager implements SynchronousBundleListener {
    static final String PID = "switchboard.patch";
    private static final Logger LOG = LoggerFactory.getLogger(PatchManager.class);
    /** File Install polls deploy/ every second; a patch not picked up by then is reported as such. */
    private static final Duration PICK_UP = Duration.ofSeconds(20);
    private static final String WINDOW_KEY = "health.window.seconds";

    @ObjectClassDefinition(name = "Switchboard patching",
            description = "How long an updated bundle has to prove itself before its previous version is put back.")
    @interface Config {
        @AttributeDefinition(name = "Health window", description = "Seconds (1 to 600) an updated bundle has to become active, "
                + "bring back every component it ran before and pass its health checks; otherwise the previous jar is restored.")
        int health_window_seconds() default 30;
    }

    /** A version of a bundle that ran healthy, and its copy in data/patches/. */
    record Installed(String bsn, Version version, String keptJar) {}

    private enum Kind { PATCH, RESTORE, ROLLBACK_BY_HAND }

    /** An update this manager caused: a patch it put into deploy/, or an earlier jar it put back. */
    private record Expected(Kind kind, Installed target, String replaced, Result result, String reason, CompletableFuture<String> outcome) {}

    private final BundleContext context;
    private final ServiceComponentRuntime scr;
    private final Path deploy;
    private final PatchStore store;
    private final HealthGate gate;
    private final ExecutorService gates = Executors.newSingleThreadExecutor(r -> new Thread(r, "switchboard-patch-gate"));
    private final Map<Long, Installed> healthy = new ConcurrentHashMap<>();
    private final Map<Long, Baseline> baselines = new ConcurrentHashMap<>();
    private final Map<Long, Expected> expected = new ConcurrentHashMap<>();
    /** Bundles between an update and its verdict: their restarts meanwhile are not a baseline. */
    private final Set<Long> gating = ConcurrentHashMap.newKeySet();
    private volatile Duration window = Duration.ofSeconds(30);
    private volatile String configProblem;
    private volatile boolean closed;

    @Activate
    public PatchManager(BundleContext context, @Reference ServiceComponentRuntime scr, @Reference HealthCheckExecutor executor,
            Map<String, Object> properties) throws IOException {
        this.context = context;
        this.scr = scr;
        Path home = HomeDirectory.of(context);
        this.deploy = home.resolve("deploy");
        this.store = new PatchStore(home.resolve("data").resolve("patches"));
        this.gate = new HealthGate(scr, executor);
        modified(properties);
        context.addBundleListener(this);
        // copying every jar of deploy/ is work for the gate thread, which then lives as long as the manager
        gates.execute(this::rememberRunning);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        try {
            window = Duration.ofSeconds(new ConfigValues(properties).integer(WINDOW_KEY, 30, 1, 600));
            configProblem = null;
        } catch (InvalidConfigurationException e) {
            configProblem = PID + " " + e.key() + ": " + e.getMessage() + "; keeping " + window.toSeconds() + " s";
            LOG.error("configuration {} refused: {}", PID, configProblem);
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        closed = true;
        context.removeBundleListener(this);
        gates.shutdownNow();
        gates.awaitTermination(5, TimeUnit.SECONDS);
        expected.values().forEach(e -> e.outcome().complete("not finished: the patch manager stopped"));
    }

    Duration window() {
        return window;
    }

    Optional<String> configProblem() {
        return Optional.ofNullable(configProblem);
    }

    List<PatchRecord> history() throws IOException {
        return store.history();
    }

    /**
     * Checks the jar (a Switchboard bundle from deploy/, newer than the running one, every import exported by the
     * running system), then puts it into deploy/. The future is the verdict; a refusal is one at once and changes nothing.
     */
    CompletableFuture<String> submit(Path file) throws IOException {
        BundleJar jar = null;
        Bundle target;
        try {
            jar = BundleJar.read(file);
            target = checkedTarget(jar);
        } catch (PatchRefusedException e) {
            String bsn = jar == null ? file.getFileName().toString() : jar.symbolicName();
            String running = jar == null ? "-" : installed(bsn).map(b -> b.getVersion().toString()).orElse("-");
            record(bsn, running, jar == null ? "-" : jar.version().toString(), Result.REFUSED, "-", e.getMessage());
            return CompletableFuture.completedFuture("Refused " + file.getFileName() + ": " + e.getMessage());
        }
        if (!healthy.containsKey(target.getBundleId())) remember(target);
        Expected e = new Expected(Kind.PATCH, null, target.getVersion().toString(), Result.ACCEPTED, "", new CompletableFuture<>());
        if (!claim(target, e)) return CompletableFuture.completedFuture("Refused " + file.getFileName() + ": an update of " + jar.symbolicName() + " is in progress");
        DeployedJar.replace(DeployedJar.of(target, deploy).orElseThrow(), file);
        LOG.info("patch {} {} put into deploy/", jar.symbolicName(), jar.version());
        return verdict(target, e, window.multipliedBy(2).plus(PICK_UP));
    }

    private Bundle checkedTarget(BundleJar jar) throws PatchRefusedException {
        Bundle target = installed(jar.symbolicName()).orElseThrow(() -> new PatchRefusedException(jar.symbolicName().startsWith("switchboard.")
                ? jar.symbolicName() + " is not installed: a patch replaces a running bundle (a new one goes into deploy/)"
                : jar.symbolicName() + " is neither a Switchboard bundle nor a bundle Switchboard runs"));
        if (target.equals(context.getBundle()))
            throw new PatchRefusedException("the patch manager does not gate its own update: copy it into deploy/");
        if (DeployedJar.of(target, deploy).isEmpty())
            throw new PatchRefusedException(jar.symbolicName() + " ships inside switchboard.jar: it is upgraded with the distribution");
        BundleWiring wiring = target.adapt(BundleWiring.class);
        if (wiring != null && !wiring.getCapabilities(BundleRevision.PACKAGE_NAMESPACE).isEmpty())
            throw new PatchRefusedException(jar.symbolicName() + " exports packages: its update restarts every bundle that imports them, "
                    + "so it is no live patch (copy it into deploy/ in a maintenance window)");
        if (jar.version().compareTo(target.getVersion()) <= 0)
            throw new PatchRefusedException("version " + jar.version() + " is not newer than the running " + target.getVersion()
                    + " (an earlier version only through sb:rollback)");
        List<PackageImport> missing = ExportedPackages.of(context).unsatisfied(jar.imports(), jar.exports());
        if (!missing.isEmpty())
            throw new PatchRefusedException("imports that nothing running exports: " + String.join(", ", missing.stream().map(String::valueOf).toList()));
        return target;
    }

    /** Puts back the version the last accepted patch replaced; the future is the verdict. */
    CompletableFuture<String> rollback(String bsn) throws IOException {
        Optional<Bundle> found = installed(bsn).filter(this::managed);
        if (found.isEmpty()) return CompletableFuture.completedFuture("No bundle " + bsn + " in deploy/.");
        Bundle target = found.get();
        Optional<PatchRecord> last = store.lastAccepted(bsn, target.getVersion());
        if (last.isEmpty()) return CompletableFuture.completedFuture("No earlier version of " + bsn + " " + target.getVersion() + " recorded by sb:patches.");
        Installed previous = new Installed(bsn, Version.parseVersion(last.get().from()), last.get().previousJar());
        Expected e = new Expected(Kind.ROLLBACK_BY_HAND, previous, target.getVersion().toString(), Result.ROLLBACK_BY_HAND, "by hand",
                new CompletableFuture<>());
        if (!claim(target, e)) return CompletableFuture.completedFuture("Not rolled back: an update of " + bsn + " is in progress");
        DeployedJar.replace(DeployedJar.of(target, deploy).orElseThrow(), store.resolve(previous.keptJar()));
        return verdict(target, e, window.plus(PICK_UP));
    }

    private boolean claim(Bundle target, Expected e) {
        return !gating.contains(target.getBundleId()) && expected.putIfAbsent(target.getBundleId(), e) == null;
    }

    /** The outcome, or after {@code limit} a note that File Install did not update the bundle (then the claim is given up). */
    private CompletableFuture<String> verdict(Bundle target, Expected e, Duration limit) {
        return e.outcome().completeOnTimeout("No verdict within " + limit.toSeconds() + " s: File Install did not update "
                + target.getSymbolicName() + " (see sb:patches)", limit.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((message, failure) -> expected.remove(target.getBundleId(), e));
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        Bundle bundle = event.getBundle();
        if (closed || !managed(bundle)) return;
        long id = bundle.getBundleId();
        switch (event.getType()) {
            case BundleEvent.STOPPING -> {
                try {
                    if (!gating.contains(id)) baselines.put(id, Baseline.of(bundle, scr));
                } catch (RuntimeException e) {
                    // the component runtime is stopping too: the framework shuts down, no update follows
                    baselines.remove(id);
                }
            }
            case BundleEvent.INSTALLED -> gates.execute(() -> remember(bundle));
            case BundleEvent.UPDATED -> {
                gating.add(id);
                gates.execute(() -> afterUpdate(bundle));
            }
            case BundleEvent.UNINSTALLED -> healthy.remove(id);
            default -> { }
        }
    }

    private boolean managed(Bundle bundle) {
        return !bundle.equals(context.getBundle()) && DeployedJar.of(bundle, deploy).isPresent();
    }

    /** Keeps a copy of every bundle now running from deploy/ as its last healthy version (after a restore replaced data/). */
    void rememberRunning() {
        for (Bundle b : context.getBundles()) if (managed(b)) remember(b);
    }

    private Optional<Bundle> installed(String bsn) {
        for (Bundle b : context.getBundles())
            if (bsn.equals(b.getSymbolicName()) && b.getState() != Bundle.UNINSTALLED) return Optional.of(b);
        return Optional.empty();
    }

    private void remember(Bundle bundle) {
        try {
            Path file = DeployedJar.of(bundle, deploy).orElseThrow();
            healthy.put(bundle.getBundleId(), new Installed(bundle.getSymbolicName(), bundle.getVersion(),
                    store.keep(bundle.getSymbolicName(), bundle.getVersion(), file)));
        } catch (IOException e) {
            LOG.warn("cannot keep a copy of {}: {}", bundle.getSymbolicName(), e.toString());
        }
    }

    private void afterUpdate(Bundle bundle) {
        long id = bundle.getBundleId();
        Expected e = expected.remove(id);
        try {
            if (e != null && e.kind() != Kind.PATCH) {
                finishRestore(bundle, e);
                return;
            }
            Installed before = healthy.get(id);
            Optional<String> refusal = before == null ? Optional.empty() : dropRefusal(before, bundle);
            if (refusal.isPresent()) {
                restore(bundle, before, Result.REFUSED, refusal.get(), e);
                return;
            }
            Optional<String> failure = gate.await(bundle, baselines.getOrDefault(id, Baseline.NONE), window, () -> closed);
            if (closed) return;
            if (failure.isPresent() && before != null) {
                restore(bundle, before, Result.ROLLED_BACK, failure.get(), e);
                return;
            }
            Installed now = new Installed(bundle.getSymbolicName(), bundle.getVersion(),
                    store.keep(bundle.getSymbolicName(), bundle.getVersion(), DeployedJar.of(bundle, deploy).orElseThrow()));
            healthy.put(id, now);
            String from = before == null ? "-" : before.version().toString();
            String detail = failure.map(f -> "unhealthy, and no earlier version to put back: " + f).orElse("healthy");
            record(now.bsn(), from, now.version().toString(), Result.ACCEPTED, before == null ? "-" : before.keptJar(), detail);
            complete(e, (failure.isPresent() ? "Applied, not healthy: " : "Accepted: ") + now.bsn() + " " + from + " -> " + now.version()
                    + " (" + detail + ")");
            gating.remove(id);
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException x) {
            LOG.error("patch of {} not followed through", bundle.getSymbolicName(), x);
            complete(e, "Failed: " + x);
            gating.remove(id);
        }
    }

    /** What makes a jar copied into deploy/ by hand unacceptable once File Install has applied it. */
    private static Optional<String> dropRefusal(Installed before, Bundle bundle) {
        if (!before.bsn().equals(bundle.getSymbolicName()))
            return Optional.of("the jar in deploy/ for " + before.bsn() + " is " + bundle.getSymbolicName());
        if (bundle.getVersion().compareTo(before.version()) < 0)
            return Optional.of("version " + bundle.getVersion() + " is older than " + before.version() + " (an earlier version only through sb:rollback)");
        return Optional.empty();
    }

    /** Puts the last healthy jar back into deploy/; File Install updates the bundle with it and {@link #finishRestore} follows. */
    private void restore(Bundle bundle, Installed previous, Result result, String reason, Expected patch) throws IOException {
        LOG.warn("{} {}: {}; putting {} back", bundle.getSymbolicName(), bundle.getVersion(), reason, previous.version());
        CompletableFuture<String> outcome = patch == null ? new CompletableFuture<>() : patch.outcome();
        expected.put(bundle.getBundleId(), new Expected(Kind.RESTORE, previous, bundle.getVersion().toString(), result, reason, outcome));
        DeployedJar.replace(DeployedJar.of(bundle, deploy).orElseThrow(), store.resolve(previous.keptJar()));
    }

    private void finishRestore(Bundle bundle, Expected e) throws IOException, InterruptedException {
        long id = bundle.getBundleId();
        Optional<String> failure = gate.await(bundle, baselines.getOrDefault(id, Baseline.NONE), window, () -> closed);
        healthy.put(id, e.target());
        String detail = e.reason() + failure.map(f -> "; the version put back is not healthy either: " + f).orElse("");
        record(e.target().bsn(), e.replaced(), e.target().version().toString(), e.result(), "-", detail);
        String verb = switch (e.result()) {
            case REFUSED -> "Refused";
            case ROLLBACK_BY_HAND -> "Rolled back";
            default -> "Rolled back automatically";
        };
        e.outcome().complete(verb + ": " + e.target().bsn() + " " + e.replaced() + " -> " + e.target().version() + " (" + detail + ")");
        gating.remove(id);
    }

    private static void complete(Expected e, String message) {
        LOG.info(message);
        if (e != null) e.outcome().complete(message);
    }

    private void record(String bsn, String from, String to, Result result, String previousJar, String detail) throws IOException {
        store.record(new PatchRecord(Instant.now(), bsn, from, to, result, previousJar, detail));
    }
}
