package switchboard.systemtests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar switchboard.jar --home DIR} as a separate process: no standard input, its standard
 * output and error in files beside the test's home, every wait bounded.
 */
final class SwitchboardProcess {
    /** Where the build leaves its output: homes/, screenshots/, the jar under test. */
    static final Path TARGET = Path.of(System.getProperty("switchboard.target", "target")).toAbsolutePath();
    private static final Path BUILT_JAR = Path.of(System.getProperty("switchboard.jar", "../distribution/target/switchboard.jar"))
            .toAbsolutePath().normalize();
    /** A copy taken once per run, so that a rebuild of the distribution meanwhile cannot change the jar under a running test. */
    private static final Path JAR = TARGET.resolve("switchboard-under-test.jar");
    private static final Duration STOP_WAIT = Duration.ofSeconds(15);
    private static final Duration KILL_WAIT = Duration.ofSeconds(5);
    private static boolean jarCopied;

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
        return launch(List.of(), homeArgument, outputPrefix);
    }

    /**
     * As {@link #launch(Path, Path)}, run through {@code wrapper} (e.g. {@code ip netns exec NS}, which execs the command),
     * with further launcher {@code options} (e.g. {@code --profile appliance}).
     */
    static SwitchboardProcess launch(List<String> wrapper, Path homeArgument, Path outputPrefix, String... options) {
        copyJarOnce();
        Path out = Path.of(outputPrefix + ".stdout");
        Path err = Path.of(outputPrefix + ".stderr");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(List.of(java, "-jar", JAR.toString(), "--home", homeArgument.toString()));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command)
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

    private static synchronized void copyJarOnce() {
        if (jarCopied) return;
        if (!Files.isRegularFile(BUILT_JAR))
            throw new IllegalStateException(BUILT_JAR + " is missing: build it first with mvn -B install -DskipTests");
        try {
            Files.createDirectories(TARGET);
            Files.copy(BUILT_JAR, JAR, StandardCopyOption.REPLACE_EXISTING);
            jarCopied = true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + BUILT_JAR, e);
        }
    }

    String stdout() {
        return TextFile.read(stdout);
    }

    String stderr() {
        return TextFile.read(stderr);
    }

    /** The JVM's process id, e.g. to read its thread count from /proc. */
    long pid() {
        return process.pid();
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

    /** SIGKILL, as a power cut or the OOM killer would end it; waits until it is gone. */
    void kill() {
        process.destroyForcibly();
        awaitExit(KILL_WAIT);
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
