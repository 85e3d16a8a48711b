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
 * same name, which cannot hold a hyphen; a {@link Function} service takes its arguments itself. Both take the PID
 * first, check their argument count and answer a refusal of the history with its message.
 */
public abstract class ConfigHistoryCommand implements Function {
    final ConfigHistory history;
    private final int arguments;
    private final String usage;

    ConfigHistoryCommand(ConfigHistory history, int arguments, String usage) {
        this.history = history;
        this.arguments = arguments;
        this.usage = usage;
    }

    @Override
    public Object execute(CommandSession session, List<Object> arguments) throws IOException {
        if (arguments.size() != this.arguments) return usage;
        String pid = String.valueOf(arguments.get(0));
        try {
            return run(pid, arguments);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    abstract String run(String pid, List<Object> arguments) throws IOException;

    @Component(service = Function.class, property = {"osgi.command.scope=sb", "osgi.command.function=config-history"})
    public static class History extends ConfigHistoryCommand {
        @Activate
        public History(@Reference ConfigHistory history) {
            super(history, 1, "Usage: sb:config-history PID   (the versions of etc/PID.cfg, oldest first)");
        }

        @Override
        String run(String pid, List<Object> arguments) throws IOException {
            List<EtcSnapshots.Snapshot> versions = history.snapshots().history(pid);
            if (versions.isEmpty()) return "No versions of " + pid + " recorded.";
            StringBuilder out = new StringBuilder(String.format("%-4s %-24s %s%n", "N", "RECORDED", "CONTENT"));
            for (EtcSnapshots.Snapshot s : versions)
                out.append(String.format("%-4d %-24s %s%n", s.number(), s.recorded().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                        s.content().map(c -> c.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList().toString()).orElse("(deleted)")));
            return out.toString();
        }
    }

    @Component(service = Function.class, property = {"osgi.command.scope=sb", "osgi.command.function=config-restore"})
    public static class Restore extends ConfigHistoryCommand {
        @Activate
        public Restore(@Reference ConfigHistory history) {
            super(history, 2, "Usage: sb:config-restore PID N   (puts version N of etc/PID.cfg back; see sb:config-history PID)");
        }

        @Override
        String run(String pid, List<Object> arguments) throws IOException {
            int number;
            try {
                number = Integer.parseInt(String.valueOf(arguments.get(1)));
            } catch (NumberFormatException e) {
                return "'" + arguments.get(1) + "' is not a version number; see sb:config-history " + pid;
            }
            history.snapshots().restore(pid, number);
            return "Version " + number + " of " + pid + " is back in etc/ and applies within a second.";
        }
    }
}
