package switchboard.itest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;

/** Runs one Gogo command and returns what it returned and printed. */
final class Shell {
    private Shell() {}

    static String run(CommandProcessor shell, String command) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (CommandSession session = shell.createSession(new ByteArrayInputStream(new byte[0]), output, output)) {
            return session.execute(command) + output.toString();
        } catch (Exception e) {
            throw new AssertionError(command + " failed: " + output, e);
        }
    }
}
