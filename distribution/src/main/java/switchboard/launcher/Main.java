package switchboard.launcher;

import java.io.IOException;
import java.io.PrintStream;

/**
 * {@code java -jar switchboard.jar [--home DIR] [--profile default|appliance]}: prepares the home
 * directory, starts the OSGi runtime, prints the service table, and stops cleanly on SIGTERM.
 */
public final class Main {
    static final int EXIT_USAGE = 64;
    static final int EXIT_HOME = 73;
    static final int EXIT_PORT = 75;
    static final int EXIT_START = 70;

    private Main() {}

    public static void main(String[] args) {
        PrintStream out = System.out;
        Options options;
        try {
            options = Options.parse(args, System.getenv("SWITCHBOARD_HOME"));
        } catch (IllegalArgumentException e) {
            System.err.println("switchboard: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(EXIT_USAGE);
            return;
        }
        if (options.help()) {
            out.println(Options.USAGE);
            return;
        }
        HomeDirectory home = new HomeDirectory(options.home());
        try {
            home.prepare(options.profile());
        } catch (IOException e) {
            fail(EXIT_HOME, "cannot use the home directory " + options.home() + ": " + e.getMessage()
                    + ". Choose a writable one with --home DIR or SWITCHBOARD_HOME.");
        }
        ConsoleAddress console = ConsoleAddress.read(home.etc());
        String busy = console.busyReason();
        if (busy != null)
            fail(EXIT_PORT, "the web console cannot listen on " + console + ": " + busy
                    + ". Change org.osgi.service.http.port in " + home.etc().resolve(ConsoleAddress.PID + ".cfg")
                    + " (PID " + ConsoleAddress.PID + ").");
        Runtime runtime = new Runtime(home, console, System.console() != null);
        try {
            runtime.start();
        } catch (Exception e) {
            fail(EXIT_START, "start-up failed: " + e.getMessage());
        }
        String report = runtime.awaitReady();
        if (runtime.failed()) {
            System.err.println(report);
            runtime.stop();
            System.exit(EXIT_PORT);
        }
        out.println("Switchboard " + Main.class.getPackage().getImplementationVersion() + " running from " + home.root());
        out.print(report);
        out.flush();
        java.lang.Runtime.getRuntime().addShutdownHook(new Thread(runtime::stop, "switchboard-shutdown"));
        System.exit(runtime.awaitStop());
    }

    static void fail(int code, String message) {
        System.err.println("switchboard: " + message);
        System.exit(code);
    }
}
