package switchboard.systemtests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Two network namespaces joined by a veth pair: the server side ({@code 192.168.2.254/24}) and an
 * unconfigured client side, as a LAN for DHCP clients. Every command it runs is bounded in time;
 * {@link #close()} ends the client processes it started and deletes both namespaces.
 */
final class LanNamespaces implements AutoCloseable {
    static final String SERVER_ADDRESS = "192.168.2.254";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    final String serverNamespace;
    final String clientNamespace;
    final String serverInterface;
    final String clientInterface;
    private final List<Process> started = new ArrayList<>();

    private LanNamespaces(String tag) {
        serverNamespace = tag + "-srv";
        clientNamespace = tag + "-cli";
        serverInterface = tag + "s";
        clientInterface = tag + "c";
    }

    /** Root, {@code ip}, busybox {@code udhcpc}, {@code dhclient}, {@code ntpdig} and {@code dig}: what these tests need. */
    static boolean usable() {
        return "root".equals(System.getProperty("user.name")) && onPath("ip") && onPath("busybox") && onPath("dhclient") && onPath("ntpdig") && onPath("dig");
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(File.pathSeparator))
            if (Files.isExecutable(Path.of(dir, tool))) return true;
        return false;
    }

    /** @param clientMac the client side's MAC address, so reservations can name it */
    static LanNamespaces create(String clientMac) {
        LanNamespaces lan = new LanNamespaces("sbd" + ProcessHandle.current().pid() % 100_000);
        try {
            lan.run("ip", "netns", "add", lan.serverNamespace);
            lan.run("ip", "netns", "add", lan.clientNamespace);
            lan.run("ip", "link", "add", lan.serverInterface, "netns", lan.serverNamespace, "type", "veth",
                    "peer", "name", lan.clientInterface, "netns", lan.clientNamespace);
            lan.inServer("ip", "addr", "add", SERVER_ADDRESS + "/24", "dev", lan.serverInterface);
            lan.inServer("ip", "link", "set", lan.serverInterface, "up");
            lan.inServer("ip", "link", "set", "lo", "up");
            lan.inClient("ip", "link", "set", lan.clientInterface, "address", clientMac);
            lan.inClient("ip", "link", "set", lan.clientInterface, "up");
            lan.inClient("ip", "link", "set", "lo", "up");
            return lan;
        } catch (RuntimeException e) {
            lan.close();
            throw e;
        }
    }

    List<String> serverWrapper() {
        return List.of("ip", "netns", "exec", serverNamespace);
    }

    String inServer(String... command) {
        return run(prefixed(serverNamespace, command));
    }

    String inClient(String... command) {
        return run(prefixed(clientNamespace, command));
    }

    private static String[] prefixed(String namespace, String... command) {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        all.addAll(List.of(command));
        return all.toArray(String[]::new);
    }

    /** Runs a command to its end (at most 30 s); fails the test when it fails. Returns its output. */
    String run(String... command) {
        Outcome o = execute(command);
        if (o.exit() != 0) throw new AssertionError(String.join(" ", command) + " failed (" + o.exit() + "): " + o.output());
        return o.output();
    }

    /** The output of a command in a namespace, empty when it failed (e.g. the server is not answering yet). */
    Optional<String> attemptIn(String namespace, String... command) {
        Outcome o = execute(prefixed(namespace, command));
        return o.exit() == 0 ? Optional.of(o.output()) : Optional.empty();
    }

    private record Outcome(int exit, String output) {}

    private Outcome execute(String... command) {
        Process p = start(List.of(command), null);
        try {
            if (!p.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " still running after " + COMMAND_TIMEOUT.toSeconds() + " s");
            }
            return new Outcome(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            started.remove(p);
        }
    }

    /** Starts a long-running client in the client namespace, output to {@code log}; ended by {@link #close()}. */
    Process startInClient(Path log, String... command) {
        return start(List.of(prefixed(clientNamespace, command)), log);
    }

    /**
     * Makes a TCP port of the server namespace's loopback reachable on this namespace's loopback (socat, one
     * connection into the namespace per client connection), so the test's own HTTP client reaches a console
     * served in there; ended by {@link #close()}.
     */
    void forwardFromServer(int port, Path log) {
        start(List.of("socat", "TCP-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr,fork",
                "EXEC:ip netns exec " + serverNamespace + " socat STDIO TCP\\:127.0.0.1\\:" + port), log);
        Poll.until(COMMAND_TIMEOUT, "socat listening on port " + port, () -> {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** Whether a TCP port on the server namespace's loopback accepts a connection. */
    boolean serverAccepts(int port) {
        return attemptIn(serverNamespace, "socat", "-T1", "-u", "TCP:127.0.0.1:" + port + ",connect-timeout=1", "/dev/null").isPresent();
    }

    private Process start(List<String> command, Path log) {
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (log != null) b.redirectOutput(log.toFile());
        try {
            Process p = b.start();
            started.add(p);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Sends a signal (e.g. USR1) to a process started here; {@code ip netns exec} execs, so its pid is the client's. */
    void signal(Process p, String signal) {
        run("kill", "-" + signal, String.valueOf(p.pid()));
    }

    @Override
    public void close() {
        for (Process p : List.copyOf(started)) {
            p.destroyForcibly();
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        started.clear();
        for (String ns : List.of(serverNamespace, clientNamespace)) {
            try {
                new ProcessBuilder("ip", "netns", "del", ns).redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
            } catch (IOException e) {
                // nothing to delete
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
