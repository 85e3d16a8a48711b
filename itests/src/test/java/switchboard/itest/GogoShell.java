package switchboard.itest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;

/** Runs one Gogo command as the terminal shell would, returning its result and everything it printed. */
final class GogoShell {
    private GogoShell() {}

    static String run(CommandProcessor shell, String command) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (CommandSession session = shell.createSession(new ByteArrayInputStream(new byte[0]), output, output)) {
            return session.execute(command) + output.toString(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new AssertionError(command + " failed: " + output, e);
        }
    }
}
