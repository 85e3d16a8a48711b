package switchboard.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A dnsmasq on a loopback port that answers {@code *.example.net} with one address: the upstream for forwarding tests. */
final class Dnsmasq implements AutoCloseable {
    private final Process process;
    private final int port;

    Dnsmasq(Path logFile, String address) {
        this.port = FreePort.pick();
        try {
            process = new ProcessBuilder(List.of("dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv", "--no-hosts",
                    "--bind-interfaces", "--listen-address=127.0.0.1", "--port=" + port, "--user=" + System.getProperty("user.name"),
                    "--pid-file=", "--address=/example.net/" + address, "--log-queries", "--log-facility=-"))
                    .redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("dnsmasq (Debian package dnsmasq-base) is needed: .ci/install-test-tools", e);
        }
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
}
