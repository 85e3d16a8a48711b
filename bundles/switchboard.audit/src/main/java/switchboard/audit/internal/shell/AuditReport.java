package switchboard.audit.internal.shell;

import java.util.Comparator;
import java.util.List;
import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.ResultLog;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;

/** The audit as plain text: worst checks first, each finding on its own line under its check. */
final class AuditReport {
    private AuditReport() {}

    static String text(List<HealthCheckExecutionResult> results) {
        if (results.isEmpty()) return "No security checks are running.\n";
        StringBuilder out = new StringBuilder();
        Result.Status overall = Result.Status.OK;
        List<HealthCheckExecutionResult> sorted = results.stream()
                .sorted(Comparator.comparing((HealthCheckExecutionResult r) -> r.getHealthCheckResult().getStatus()).reversed()
                        .thenComparing(r -> r.getHealthCheckMetadata().getTitle()))
                .toList();
        for (HealthCheckExecutionResult r : sorted) {
            Result result = r.getHealthCheckResult();
            if (result.getStatus().ordinal() > overall.ordinal()) overall = result.getStatus();
            out.append(String.format("%-9s %s%n", result.getStatus(), r.getHealthCheckMetadata().getTitle()));
            for (ResultLog.Entry e : result)
                if (!e.isDebug()) out.append(String.format("          %-8s %s%n", e.getStatus(), e.getMessage()));
        }
        return "Security audit: " + overall + "\n" + out;
    }
}
