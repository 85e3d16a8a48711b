package switchboard.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs {@code dig} (ISC BIND's client) against a DNS server on loopback and reads its answer. */
final class Dig {
    private static final long TIMEOUT_SECONDS = 15;
    private static final Pattern STATUS = Pattern.compile("status: ([A-Z]+)");
    private static final Pattern FLAGS = Pattern.compile(";; flags: ([a-z ]+);");

    /** One answer: RCODE name, header flags, the answer section's records as dig prints them, and the whole output. */
    record Answer(String status, List<String> flags, List<String> records, String output) {
        boolean authoritative() {
            return flags.contains("aa");
        }

        /** The data of the answer records, e.g. {@code 192.0.2.1}. */
        List<String> data() {
            return records.stream().map(r -> r.split("\\s+", 5)[4]).toList();
        }
    }

    private final int port;

    Dig(int port) {
        this.port = port;
    }

    Answer udp(String name, String type) {
        return ask(List.of(name, type));
    }

    Answer tcp(String name, String type) {
        return ask(List.of("+tcp", name, type));
    }

    /** Asks from another loopback source address, e.g. 127.0.0.2, which is outside the server's internal networks. */
    Answer from(String source, String... args) {
        List<String> a = new ArrayList<>(List.of("-b", source));
        a.addAll(List.of(args));
        return ask(a);
    }

    Answer ask(List<String> args) {
        List<String> command = new ArrayList<>(List.of("dig", "@127.0.0.1", "-p", String.valueOf(port), "+tries=1", "+time=3"));
        command.addAll(args);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("dig did not finish: " + command);
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return parse(out);
        } catch (IOException e) {
            throw new UncheckedIOException("dig (Debian package dnsutils) is needed: .ci/install-test-tools", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Answer parse(String out) {
        Matcher status = STATUS.matcher(out);
        boolean hasStatus = status.find();
        Matcher flags = FLAGS.matcher(out);
        List<String> records = new ArrayList<>();
        boolean inAnswer = false;
        for (String line : out.lines().toList()) {
            if (line.startsWith(";; ANSWER SECTION:")) inAnswer = true;
            else if (line.isBlank()) inAnswer = false;
            else if (inAnswer) records.add(line.trim());
        }
        // an AXFR prints records without a header or sections
        if (!hasStatus)
            out.lines().filter(l -> !l.startsWith(";") && !l.isBlank()).forEach(l -> records.add(l.trim()));
        return new Answer(hasStatus ? status.group(1) : "", flags.find() ? List.of(flags.group(1).trim().split(" ")) : List.of(), records, out);
    }
}
