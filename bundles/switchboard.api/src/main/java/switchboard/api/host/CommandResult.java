package switchboard.api.host;

import java.util.List;

/** What a host command did, or in a dry run, what it would have done. */
public record CommandResult(List<String> command, boolean dryRun, int exitCode, boolean timedOut,
        String stdout, String stderr) {

    public CommandResult {
        command = List.copyOf(command);
    }

    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }
}
