package switchboard.systemtests;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's SIPp running {@code sip/register.xml} against a registrar (on 127.0.0.1 unless told otherwise):
 * REGISTER, the 401 challenge, REGISTER with digest credentials, then the final response the caller expects.
 */
final class Sipp {
    static final Path SIPP = Path.of("/usr/bin/sipp");

    /** What one run asks for: the user and password, its contact, the Expires value, how many registrations at what rate. */
    record Run(String user, String password, String contact, int expires, int expectedStatus, int count, int ratePerSecond) {
        static Run once(String user, String password, String contact, int expires, int expectedStatus) {
            return new Run(user, password, contact, expires, expectedStatus, 1, 1);
        }
    }

    /** The outcome: SIPp's exit status (0: every registration got the expected answer) and its output. */
    record Result(int exit, String output) {}

    private static final String LOOPBACK = "127.0.0.1";
    private final Path directory;
    private final String registrar;
    private final int registrarPort;
    private final List<String> wrapper;
    private final String localAddress;
    private int runs;

    Sipp(Path directory, int registrarPort) {
        this(directory, registrarPort, List.of());
    }

    /** @param wrapper runs SIPp through it, e.g. {@code ip netns exec NS} for a registrar in a network namespace */
    Sipp(Path directory, int registrarPort, List<String> wrapper) {
        this(directory, LOOPBACK, registrarPort, wrapper, LOOPBACK);
    }

    /** A phone at {@code localAddress} in another network (run through {@code wrapper}) and the registrar at {@code registrar}. */
    Sipp(Path directory, String registrar, int registrarPort, List<String> wrapper, String localAddress) {
        this.directory = directory;
        this.registrar = registrar;
        this.registrarPort = registrarPort;
        this.wrapper = wrapper;
        this.localAddress = localAddress;
        if (!Files.isExecutable(SIPP))
            throw new AssertionError(SIPP + " is missing: run .ci/install-test-tools as root (CI does) to install Debian's sip-tester");
    }

    /** The contact of a SIPp run on {@code port}. */
    static String contact(String user, int port) {
        return contact(user, LOOPBACK, port);
    }

    static String contact(String user, String address, int port) {
        return "<sip:" + user + "@" + address + ":" + port + ">";
    }

    Result run(Run run, int localPort) {
        try {
            Path runDir = Files.createDirectories(directory.resolve("sipp-" + (++runs)));
            Path scenario = runDir.resolve("register.xml");
            try (InputStream in = Sipp.class.getResourceAsStream("/sip/register.xml")) {
                String template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                Files.writeString(scenario, template.replace("@EXPECTED@", Integer.toString(run.expectedStatus())));
            }
            long seconds = run.count() / run.ratePerSecond() + 15;
            List<String> command = new ArrayList<>(wrapper);
            command.addAll(List.of(SIPP.toString(), "-sf", scenario.toString(),
                    "-m", Integer.toString(run.count()), "-r", Integer.toString(run.ratePerSecond()),
                    "-au", run.user(), "-ap", run.password(), "-key", "user", run.user(), "-key", "contact", run.contact(),
                    "-key", "expires", Integer.toString(run.expires()), "-i", localAddress, "-p", Integer.toString(localPort),
                    "-nostdin", "-recv_timeout", "5000", "-timeout", seconds + "s", "-trace_err",
                    registrar + ":" + registrarPort));
            Path output = runDir.resolve("sipp.out");
            Process p = new ProcessBuilder(command).directory(runDir.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).redirectOutput(output.toFile()).start();
            if (!p.waitFor(seconds + 10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError("sipp did not end within " + (seconds + 10) + " s; see " + runDir);
            }
            StringBuilder text = new StringBuilder(Files.readString(output, StandardCharsets.ISO_8859_1));
            try (var errors = Files.list(runDir)) {
                for (Path e : errors.filter(f -> f.getFileName().toString().endsWith("_errors.log")).toList())
                    text.append('\n').append(Files.readString(e, StandardCharsets.ISO_8859_1));
            }
            return new Result(p.exitValue(), text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
