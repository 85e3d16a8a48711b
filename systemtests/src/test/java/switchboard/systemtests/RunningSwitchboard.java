package switchboard.systemtests;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Switchboard that has printed its service table and answers on its console port. */
final class RunningSwitchboard {
    static final String ADMIN = "admin";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(45);
    private static final Pattern PRINTED_PASSWORD = Pattern.compile("^Initial admin password: (\\S+)", Pattern.MULTILINE);

    private final SwitchboardHome home;
    private final SwitchboardProcess process;
    private final ConsoleHttp http;

    private RunningSwitchboard(SwitchboardHome home, SwitchboardProcess process) {
        this.home = home;
        this.process = process;
        this.http = new ConsoleHttp(home.consolePort());
    }

    /** Waits until the table lists the console on the home's port and the console asks for a login. */
    static RunningSwitchboard awaitReady(SwitchboardHome home, SwitchboardProcess process) {
        RunningSwitchboard switchboard = new RunningSwitchboard(home, process);
        Pattern consoleRow = Pattern.compile("^web console\\s+127\\.0\\.0\\.1\\s+" + home.consolePort() + "\\s+listening at ",
                Pattern.MULTILINE);
        Poll.until(READY_TIMEOUT, "the service table with the web console on port " + home.consolePort(), () -> {
            if (!process.isAlive())
                throw new AssertionError("switchboard ended during start-up\nstdout:\n" + process.stdout() + "\nstderr:\n" + process.stderr());
            return consoleRow.matcher(process.stdout()).find();
        });
        Poll.until(READY_TIMEOUT, "the console to ask for a login", switchboard::consoleAsksForLogin);
        return switchboard;
    }

    private boolean consoleAsksForLogin() {
        try {
            return http.get("/system/console").statusCode() == 401;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    SwitchboardHome home() {
        return home;
    }

    int port() {
        return home.consolePort();
    }

    SwitchboardProcess process() {
        return process;
    }

    ConsoleHttp http() {
        return http;
    }

    /** The admin password as this start printed it, if it printed one. */
    Optional<String> printedAdminPassword() {
        Matcher m = PRINTED_PASSWORD.matcher(process.stdout());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The generated admin password, from {@code data/initial-admin-password}. */
    String initialAdminPassword() {
        return home.initialAdminPassword();
    }
}
