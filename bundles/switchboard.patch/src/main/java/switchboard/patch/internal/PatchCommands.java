package switchboard.patch.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@code sb:patch}, {@code sb:rollback}, {@code sb:patches}. */
@Component(service = PatchCommands.class, property = {
        "osgi.command.scope=sb", "osgi.command.function=patch", "osgi.command.function=rollback", "osgi.command.function=patches"})
public class PatchCommands {
    private final PatchManager manager;

    @Activate
    public PatchCommands(@Reference PatchManager manager) {
        this.manager = manager;
    }

    @Descriptor("apply patch jars: each must be a newer version of a bundle in deploy/ whose imports the running system exports; "
            + "it is rolled back unless healthy within the health window")
    public String patch(@Descriptor("bundle jar files") String... files) throws IOException, InterruptedException, ExecutionException {
        if (files.length == 0) return "Name at least one jar.";
        StringBuilder out = new StringBuilder();
        for (String file : files) out.append(manager.submit(Path.of(file).toAbsolutePath()).get()).append('\n');
        return out.toString();
    }

    @Descriptor("put back the version of a bundle that its last accepted patch replaced")
    public String rollback(@Descriptor("bundle symbolic name, e.g. switchboard.dns") String bundle) throws IOException, InterruptedException, ExecutionException {
        return manager.rollback(bundle).get();
    }

    @Descriptor("the patch history: when, which bundle, from and to which version, the result")
    public String patches() throws IOException {
        List<PatchRecord> history = manager.history();
        if (history.isEmpty()) return "No patches yet.";
        StringBuilder out = new StringBuilder(String.format("%-24s %-22s %-18s %-18s %-24s %s%n", "WHEN", "BUNDLE", "FROM", "TO", "RESULT", "DETAIL"));
        for (PatchRecord r : history)
            out.append(String.format("%-24s %-22s %-18s %-18s %-24s %s%n", r.when().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), r.bundle(), r.from(), r.to(), r.result(), r.detail()));
        return out.toString();
    }
}
