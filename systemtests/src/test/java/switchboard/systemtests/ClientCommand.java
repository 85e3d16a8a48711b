package switchboard.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real client program (swaks, curl, ip) run to completion within a time limit, output captured. */
record ClientCommand(int exitCode, String output) {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    static ClientCommand run(List<String> argv) {
        return run(argv, null);
    }

    /** @param stdin text for the program's standard input, or null for none */
    static ClientCommand run(List<String> argv, byte[] stdin) {
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            if (stdin != null) p.getOutputStream().write(stdin);
            p.getOutputStream().close();
            // the output is small; read it after exit, bounded by the wait
            if (!p.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(argv + " did not finish within " + LIMIT);
            }
            return new ClientCommand(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + argv + " (bash .ci/install-test-tools installs it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Runs the command and fails the test with its output unless it exits 0. */
    static String succeed(List<String> argv) {
        ClientCommand c = run(argv);
        if (c.exitCode != 0) throw new AssertionError(argv + " exited " + c.exitCode + ":\n" + c.output);
        return c.output;
    }
}
