package switchboard.core.internal.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.api.config.ConfigProblems;
import switchboard.api.config.ConfigValues;
import switchboard.api.config.InvalidConfigurationException;
import switchboard.api.host.CommandResult;
import switchboard.api.host.HostAdapter;

/**
 * Exists only once its configuration is loaded (the launcher always writes {@code etc/switchboard.host.cfg}):
 * otherwise a capability starting early would run commands for real before {@code apply = false} arrives.
 */
@Component(configurationPid = HostAdapter.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, immediate = true)
@Designate(ocd = HostAdapterImpl.Config.class)
public class HostAdapterImpl implements HostAdapter {

    @ObjectClassDefinition(name = "Switchboard host adapter",
            description = "How Switchboard changes the host's interfaces, routes and firewall.")
    @interface Config {
        @AttributeDefinition(name = "Apply changes", description = "Off: only render and log the commands (dry run). Without root rights it is always a dry run.")
        boolean apply() default true;

        @AttributeDefinition(name = "Command timeout (s)")
        int timeout() default 10;
    }

    private static final Logger LOG = LoggerFactory.getLogger(HostAdapterImpl.class);
    private static final int KEPT = 50;
    private static final int MAX_OUTPUT = 64 * 1024;
    private final ConfigProblems problems;
    private final boolean root = isRoot();
    private final Deque<CommandResult> recent = new ArrayDeque<>();
    private volatile boolean apply = true;
    private volatile int timeoutSeconds = 10;

    @Activate
    public HostAdapterImpl(@Reference ConfigProblems problems, Map<String, Object> properties) {
        this.problems = problems;
        modified(properties);
        if (!root) LOG.info("not running as root: host changes are a dry run (rendered and logged only)");
    }

    @Modified
    void modified(Map<String, Object> properties) {
        ConfigValues v = new ConfigValues(properties);
        try {
            boolean newApply = v.bool("apply", true);
            int newTimeout = v.integer("timeout", 10, 1, 600);
            apply = newApply;
            timeoutSeconds = newTimeout;
            problems.clear(PID);
        } catch (InvalidConfigurationException e) {
            problems.report(PID, e);
        }
    }

    @Override
    public boolean dryRun() {
        return !apply || !root;
    }

    @Override
    public CommandResult run(List<String> command) {
        return run(command, null);
    }

    @Override
    public CommandResult run(List<String> command, String stdin) {
        if (command.isEmpty() || !TOOLS.contains(command.get(0)))
            throw new IllegalArgumentException("the host adapter runs only " + TOOLS + ", not " + command);
        CommandResult result;
        if (dryRun()) {
            LOG.info("dry run: {}{}", String.join(" ", command), stdin == null ? "" : " <<EOF\n" + stdin + "EOF");
            result = new CommandResult(command, true, 0, false, "", "");
        } else {
            result = execute(command, stdin);
            if (result.succeeded()) LOG.info("ran: {}", String.join(" ", command));
            else LOG.warn("failed ({}{}): {}: {}", result.timedOut() ? "timed out after " + timeoutSeconds + " s" : "exit ",
                    result.timedOut() ? "" : result.exitCode(), String.join(" ", command), result.stderr().strip());
        }
        synchronized (recent) {
            // wg show prints private and preshared keys: what wg printed is for the caller only
            recent.addLast(command.get(0).equals("wg")
                    ? new CommandResult(command, result.dryRun(), result.exitCode(), result.timedOut(), "", result.stderr()) : result);
            while (recent.size() > KEPT) recent.removeFirst();
        }
        return result;
    }

    private CommandResult execute(List<String> command, String stdin) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("switchboard-host", ".out");
            err = Files.createTempFile("switchboard-host", ".err");
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            if (stdin == null) pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Process process = pb.start();
            if (stdin != null) {
                try (var in = process.getOutputStream()) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            return new CommandResult(command, false, finished ? process.exitValue() : -1, !finished, read(out), read(err));
        } catch (IOException e) {
            return new CommandResult(command, false, -1, false, "", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CommandResult(command, false, -1, true, "", "interrupted");
        } finally {
            delete(out);
            delete(err);
        }
    }

    private static String read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return new String(bytes, 0, Math.min(bytes.length, MAX_OUTPUT), StandardCharsets.UTF_8);
    }

    private static void delete(Path file) {
        try {
            if (file != null) Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("cannot delete {}", file, e);
        }
    }

    @Override
    public List<CommandResult> recent() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    private static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status")))
                if (line.startsWith("Uid:")) return line.split("\\s+")[1].equals("0");
        } catch (IOException e) {
            LOG.debug("cannot read /proc/self/status", e);
        }
        return false;
    }
}
