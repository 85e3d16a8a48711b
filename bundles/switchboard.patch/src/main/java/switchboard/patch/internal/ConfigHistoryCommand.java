package switchboard.patch.internal;

import java.io.IOException;
import java.util.List;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code sb:config-history PID} and {@code sb:config-restore PID N}. Gogo maps a function name to a method of the
 * same name, which cannot hold a hyphen; a {@link Function} service takes its arguments itself.
 */
public final class ConfigHistoryCommand {
    private ConfigHistoryCommand() {}

    @Component(service = Function.class, property = {"osgi.command.scope=sb", "osgi.command.function=config-history"})
    public static class History implements Function {
        private final ConfigHistory history;

        @Activate
        public History(@Reference ConfigHistory history) {
            this.history = history;
        }

        @Override
        public Object execute(CommandSession session, List<Object> arguments) throws IOException {
            if (arguments.size() != 1) return "Usage: sb:config-history PID   (the versions of etc/PID.cfg, oldest first)";
            String pid = String.valueOf(arguments.get(0));
            try {
                List<EtcSnapshots.Snapshot> versions = history.snapshots().history(pid);
                if (versions.isEmpty()) return "No versions of " + pid + " recorded.";
                StringBuilder out = new StringBuilder(String.format("%-4s %-24s %s%n", "N", "RECORDED", "CONTENT"));
                for (EtcSnapshots.Snapshot s : versions)
                    out.append(String.format("%-4d %-24s %s%n", s.number(), s.recorded().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                            s.content().map(c -> c.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList().toString()).orElse("(deleted)")));
                return out.toString();
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }
    }

    @Component(service = Function.class, property = {"osgi.command.scope=sb", "osgi.command.function=config-restore"})
    public static class Restore implements Function {
        private final ConfigHistory history;

        @Activate
        public Restore(@Reference ConfigHistory history) {
            this.history = history;
        }

        @Override
        public Object execute(CommandSession session, List<Object> arguments) throws IOException {
            if (arguments.size() != 2) return "Usage: sb:config-restore PID N   (puts version N of etc/PID.cfg back; see sb:config-history PID)";
            String pid = String.valueOf(arguments.get(0));
            try {
                int number = Integer.parseInt(String.valueOf(arguments.get(1)));
                history.snapshots().restore(pid, number);
                return "Version " + number + " of " + pid + " is back in etc/ and applies within a second.";
            } catch (NumberFormatException e) {
                return "'" + arguments.get(1) + "' is not a version number; see sb:config-history " + pid;
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }
    }
}
