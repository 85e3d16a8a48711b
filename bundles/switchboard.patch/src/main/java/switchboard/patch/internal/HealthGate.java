package switchboard.patch.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.execution.HealthCheckExecutionOptions;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckSelector;
import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/**
 * Decides whether an updated bundle is healthy: ACTIVE, every component that ran before running again,
 * every health check it had registered again and at most WARN (run now, not from the executor's cache), all
 * of that holding for {@link #SETTLE} without interruption, within the window. A warning is about the
 * surroundings (no upstream DNS yet, another DHCP server on the LAN), not about the new code, so it passes.
 */
final class HealthGate {
    static final Duration SETTLE = Duration.ofSeconds(2);
    private static final long POLL_MILLIS = 250;

    private final ServiceComponentRuntime scr;
    private final HealthCheckExecutor executor;

    HealthGate(ServiceComponentRuntime scr, HealthCheckExecutor executor) {
        this.scr = scr;
        this.executor = executor;
    }

    /** @return empty when healthy, else the last reason it was not; {@code cancelled} ends the wait early */
    Optional<String> await(Bundle bundle, Baseline before, Duration window, BooleanSupplier cancelled) throws InterruptedException {
        long deadline = System.nanoTime() + window.toNanos();
        long healthySince = -1;
        String reason = "not checked";
        while (System.nanoTime() < deadline && !cancelled.getAsBoolean()) {
            Optional<String> problem = problem(bundle, before);
            long now = System.nanoTime();
            if (problem.isPresent()) {
                reason = problem.get();
                healthySince = -1;
            } else if (healthySince < 0) {
                healthySince = now;
            } else if (now - healthySince >= SETTLE.toNanos()) {
                return Optional.empty();
            }
            Thread.sleep(POLL_MILLIS);
        }
        return Optional.of(reason + " (window " + window.toSeconds() + " s)");
    }

    private Optional<String> problem(Bundle bundle, Baseline before) {
        if (bundle.getState() != Bundle.ACTIVE) return Optional.of("bundle not active");
        Set<String> components = new TreeSet<>(before.components());
        components.removeAll(Baseline.runningComponents(bundle, scr));
        if (!components.isEmpty()) return Optional.of("components not running: " + String.join(", ", components));
        Set<String> checks = Baseline.healthChecks(bundle);
        Set<String> missing = new TreeSet<>(before.healthChecks());
        missing.removeAll(checks);
        if (!missing.isEmpty()) return Optional.of("health checks missing: " + String.join(", ", missing));
        if (checks.isEmpty()) return Optional.empty();
        HealthCheckExecutionOptions options = new HealthCheckExecutionOptions();
        options.setForceInstantExecution(true);
        List<HealthCheckExecutionResult> results = executor.execute(HealthCheckSelector.names(checks.toArray(String[]::new)), options);
        for (HealthCheckExecutionResult r : results)
            if (r.getHealthCheckResult().getStatus().compareTo(Result.Status.WARN) > 0)
                return Optional.of("health check '" + r.getHealthCheckMetadata().getName() + "' is " + r.getHealthCheckResult().getStatus());
        return Optional.empty();
    }
}
