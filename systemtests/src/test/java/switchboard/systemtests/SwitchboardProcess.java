package switchboard.systemtests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar switchboard.jar --home DIR} as a separate process: no standard input, its standard
 * output and error in files beside the test's home, every wait bounded.
 */
final class SwitchboardProcess {
    static final Path JAR = Path.of(System.getProperty("switchboard.jar", "../distribution/target/switchboard.jar"))
            .toAbsolutePath().normalize();
    private static final Duration STOP_WAIT = Duration.ofSeconds(15);
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private SwitchboardProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts the jar with {@code --home homeArgument}; {@code outputPrefix} + .stdout/.stderr receive its output. */
    static SwitchboardProcess launch(Path homeArgument, Path outputPrefix) {
        if (!Files.isRegularFile(JAR))
            throw new IllegalStateException(JAR + " is missing: build it first with mvn -B install -DskipTests");
        Path out = Path.of(outputPrefix + ".stdout");
        Path err = Path.of(outputPrefix + ".stderr");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-jar", JAR.toString(), "--home", homeArgument.toString()))
                .directory(outputPrefix.getParent().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().remove("SWITCHBOARD_HOME");
        try {
            return new SwitchboardProcess(builder.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + builder.command(), e);
        }
    }

    String stdout() {
        return SwitchboardHome.read(stdout);
    }

    String stderr() {
        return SwitchboardHome.read(stderr);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** @return the exit status; fails the test if the process is still running after {@code timeout} */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
                throw new AssertionError("switchboard still running after " + timeout.toSeconds() + " s\nstderr:\n" + stderr());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return process.exitValue();
    }

    /** Sends SIGTERM, as an init system or Ctrl-C would. */
    void terminate() {
        process.destroy();
    }

    /** SIGTERM, then SIGKILL if it has not ended in time; returns after at most about 20 s. */
    void stop() {
        try {
            process.destroy();
            if (!process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
