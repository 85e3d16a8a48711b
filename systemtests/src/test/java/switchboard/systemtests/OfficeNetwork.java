package switchboard.systemtests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Three network namespaces of this test run: a LAN host, the router Switchboard runs in and a WAN host,
 * joined by veth pairs, with addresses from 198.18.0.0/15 only (LAN 198.18.1.0/24, WAN 198.19.0.0/24).
 * The WAN host routes the LAN to the router, so that without NAT and filtering it could reach the LAN. The
 * router's WAN side, {@link #ROUTER_WAN_INTERFACE}, gets no address here: Switchboard's WAN interface sets it.
 * Needs root; {@link #close()} ends the processes started here and deletes the namespaces.
 */
final class OfficeNetwork implements AutoCloseable {
    static final String LAN_HOST = "198.18.1.10";
    static final String ROUTER_LAN = "198.18.1.254";
    static final String ROUTER_WAN = "198.19.0.2";
    static final String WAN_HOST = "198.19.0.1";
    /** IPv6 addresses, from the benchmarking prefix 2001:2::/48 (RFC 5180), once {@link #addIpv6()} has set them. */
    static final String LAN_HOST6 = "2001:2:0:1::10";
    static final String WAN_HOST6 = "2001:2::1";
    static final String LAN_INTERFACE = "veth-lan";
    static final String ROUTER_WAN_INTERFACE = "veth-wan";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

    final String lan;
    final String router;
    final String wan;
    private final String suffix;
    private final List<String> added = new ArrayList<>();
    private final List<Process> background = new ArrayList<>();

    private OfficeNetwork(String suffix) {
        this.suffix = suffix;
        lan = "sbfw-lan-" + suffix;
        router = "sbfw-rtr-" + suffix;
        wan = "sbfw-wan-" + suffix;
    }

    /** Why the namespace tests cannot run here, if they cannot. */
    static Optional<String> unavailable() {
        try {
            if (!Files.readString(Path.of("/proc/self/status")).contains("\nUid:\t0\t")) return Optional.of("not root: network namespaces need root");
        } catch (IOException e) {
            return Optional.of("cannot read /proc/self/status");
        }
        for (String tool : List.of("/usr/sbin/nft", "/usr/bin/socat", "/usr/bin/ping", "/usr/bin/curl", "/usr/sbin/ip"))
            if (!Files.isExecutable(Path.of(tool))) return Optional.of(tool + " is missing (bash .ci/install-test-tools)");
        return Optional.empty();
    }

    /** Creates the namespaces, or skips the calling test class (JUnit assumption) saying why they cannot be made here. */
    static OfficeNetwork createOrSkip() {
        Optional<String> why = unavailable();
        Assumptions.assumeTrue(why.isEmpty(), () -> "namespace tests skipped: " + why.orElseThrow());
        return create();
    }

    static OfficeNetwork create() {
        OfficeNetwork net = new OfficeNetwork(Long.toString(ProcessHandle.current().pid()));
        try {
            net.setUp();
            return net;
        } catch (RuntimeException | AssertionError e) {
            net.close();
            throw e;
        }
    }

    private void setUp() {
        for (String ns : List.of(lan, router, wan)) {
            ip("netns", "add", ns);
            ip("-n", ns, "link", "set", "lo", "up");
        }
        ip("link", "add", LAN_INTERFACE, "netns", router, "type", "veth", "peer", "name", "lan0", "netns", lan);
        ip("link", "add", ROUTER_WAN_INTERFACE, "netns", router, "type", "veth", "peer", "name", "wan0", "netns", wan);
        ip("-n", router, "addr", "add", ROUTER_LAN + "/24", "dev", LAN_INTERFACE);
        ip("-n", lan, "addr", "add", LAN_HOST + "/24", "dev", "lan0");
        ip("-n", wan, "addr", "add", WAN_HOST + "/24", "dev", "wan0");
        for (String[] link : new String[][] {{router, LAN_INTERFACE}, {router, ROUTER_WAN_INTERFACE}, {lan, "lan0"}, {wan, "wan0"}})
            ip("-n", link[0], "link", "set", link[1], "up");
        ip("-n", lan, "route", "add", "default", "via", ROUTER_LAN);
        ip("-n", wan, "route", "add", "198.18.1.0/24", "via", ROUTER_WAN);
    }

    /**
     * Gives every host an IPv6 address as well and lets the router's kernel forward IPv6, so that only
     * Switchboard's firewall decides what crosses it. The WAN host routes the LAN prefix to the router.
     */
    void addIpv6() {
        ip("-n", router, "addr", "add", "2001:2:0:1::1/64", "dev", LAN_INTERFACE, "nodad");
        ip("-n", router, "addr", "add", "2001:2::2/64", "dev", ROUTER_WAN_INTERFACE, "nodad");
        ip("-n", lan, "addr", "add", LAN_HOST6 + "/64", "dev", "lan0", "nodad");
        ip("-n", wan, "addr", "add", WAN_HOST6 + "/64", "dev", "wan0", "nodad");
        ip("-n", lan, "-6", "route", "add", "default", "via", "2001:2:0:1::1");
        ip("-n", wan, "-6", "route", "add", "2001:2:0:1::/64", "via", "2001:2::2");
        Outcome forwarding = run(router, "sysctl", "-w", "net.ipv6.conf.all.forwarding=1");
        if (!forwarding.succeeded()) throw new AssertionError("IPv6 forwarding not enabled: " + forwarding.output());
    }

    /** One more namespace of this run, {@code sbfw-<role>-<pid>}, with loopback up; {@link #close()} deletes it too. */
    String addNamespace(String role) {
        String ns = "sbfw-" + role + "-" + suffix;
        ip("netns", "add", ns);
        added.add(ns);
        ip("-n", ns, "link", "set", "lo", "up");
        return ns;
    }

    /**
     * One more host on the LAN segment, {@code sbfw-<role>-<pid>}: its interface {@code <role>0} is a macvlan
     * (bridge mode) of the LAN host's link, so that it hears and is heard by the LAN host's neighbours, the router
     * included, and by other such hosts; with {@code address} (with prefix) when given, else none (a DHCP client).
     */
    String addLanHost(String role, Optional<String> address) {
        String ns = addNamespace(role);
        String link = role + "0";
        ip("-n", lan, "link", "add", "link", "lan0", "name", link, "type", "macvlan", "mode", "bridge");
        ip("-n", lan, "link", "set", link, "netns", ns);
        address.ifPresent(a -> ip("-n", ns, "addr", "add", a, "dev", link));
        ip("-n", ns, "link", "set", link, "up");
        return ns;
    }

    /** Joins two namespaces with a veth pair: each end named, given its address (with prefix) and brought up. */
    void link(String nsA, String interfaceA, String addressA, String nsB, String interfaceB, String addressB) {
        ip("link", "add", interfaceA, "netns", nsA, "type", "veth", "peer", "name", interfaceB, "netns", nsB);
        ip("-n", nsA, "addr", "add", addressA, "dev", interfaceA);
        ip("-n", nsB, "addr", "add", addressB, "dev", interfaceB);
        ip("-n", nsA, "link", "set", interfaceA, "up");
        ip("-n", nsB, "link", "set", interfaceB, "up");
    }

    private static void ip(String... args) {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        Outcome o = execute(command);
        if (o.exit() != 0) throw new AssertionError(String.join(" ", command) + " failed: " + o.output());
    }

    record Outcome(int exit, String output) {
        boolean succeeded() {
            return exit == 0;
        }
    }

    /** Runs a command in a namespace, at most 10 s, and returns its exit status and output. */
    Outcome run(String ns, String... command) {
        return execute(inNamespace(ns, command));
    }

    /** Starts a long-running command (a server) in a namespace; ended by {@link #close()}. */
    Process start(String ns, String... command) {
        try {
            Process p = new ProcessBuilder(inNamespace(ns, command)).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.PIPE).start();
            background.add(p);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until something listens on the TCP or UDP port in the namespace. */
    void awaitListening(String ns, String protocol, int port) {
        String flags = protocol.equals("udp") ? "-Hlun" : "-Hltn";
        Poll.until(COMMAND_TIMEOUT, protocol + " port " + port + " listening in " + ns,
                () -> !run(ns, "ss", flags, "sport = :" + port).output().isBlank());
    }

    /** A TCP server answering every connection with the address it sees the client at. */
    void whoAmIServer(String ns, int port) {
        whoAmI(ns, "TCP-LISTEN:", port);
    }

    /** The same over IPv6 only. */
    void ipv6WhoAmIServer(String ns, int port) {
        whoAmI(ns, "TCP6-LISTEN:", port);
    }

    private void whoAmI(String ns, String listen, int port) {
        start(ns, "socat", listen + port + ",reuseaddr,fork", "SYSTEM:echo $SOCAT_PEERADDR");
        awaitListening(ns, "tcp", port);
    }

    /** A UDP server answering every datagram with the address it sees the sender at. */
    void udpWhoAmIServer(String ns, int port) {
        start(ns, "socat", "UDP-RECVFROM:" + port + ",fork", "SYSTEM:echo $SOCAT_PEERADDR");
        awaitListening(ns, "udp", port);
    }

    /** The TCP answer of host:port from the namespace, empty when the connection fails within 2 s. */
    Optional<String> tcpAnswer(String ns, String host, int port) {
        Outcome o = run(ns, "socat", "-T2", "-u", "TCP:" + host + ":" + port + ",connect-timeout=2", "-");
        return o.succeeded() && !o.output().isBlank() ? Optional.of(o.output().strip()) : Optional.empty();
    }

    /**
     * The first UDP answer of host:port to three datagrams sent half a second apart from one socket (UDP may
     * lose one, e.g. while the router resolves a neighbour), empty when none came within 2 s of the last.
     */
    Optional<String> udpAnswer(String ns, String host, int port) {
        Outcome o = run(ns, "sh", "-c", "(echo 1; sleep 0.5; echo 2; sleep 0.5; echo 3) | socat -t2 -T3 - UDP:" + host + ":" + port);
        return o.succeeded() ? o.output().lines().filter(l -> !l.isBlank()).findFirst().map(String::strip) : Optional.empty();
    }

    /**
     * Opens {@code count} TCP connections to host:port at once from the namespace, each given half a second
     * (less than TCP's first SYN retry, so a dropped SYN counts as refused); returns how many connected.
     */
    int parallelTcpConnects(String ns, String host, int port, int count) {
        String connect = "socat -u TCP:" + host + ":" + port + ",connect-timeout=0.5 - >/dev/null 2>&1 && echo connected";
        Outcome o = run(ns, "sh", "-c", "for i in $(seq " + count + "); do (" + connect + ") & done; wait");
        return (int) o.output().lines().filter(l -> l.equals("connected")).count();
    }

    boolean pingAnswered(String ns, String host) {
        return run(ns, "ping", "-c", "1", "-W", "1", host).succeeded();
    }

    /** The HTTP status of a GET from the namespace, or 0 when nothing answered within 2 s. */
    int httpStatus(String ns, String url) {
        Outcome o = run(ns, "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "2", url);
        return o.output().strip().matches("\\d{3}") ? Integer.parseInt(o.output().strip()) : 0;
    }

    private static List<String> inNamespace(String ns, String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(command));
        return full;
    }

    private static Outcome execute(List<String> command) {
        try {
            Path out = Files.createTempFile("office-network", ".out");
            try {
                Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
                if (!p.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    return new Outcome(-1, "timed out: " + String.join(" ", command));
                }
                return new Outcome(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        for (Process p : background) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : background) {
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<String> all = new ArrayList<>(List.of(lan, router, wan));
        all.addAll(added);
        // what put itself in the background in a namespace (wireguard-go) ends with it: asked first, so it can clean up
        for (String signal : List.of("-TERM", "-KILL")) {
            for (String ns : all)
                for (String pid : execute(List.of("ip", "netns", "pids", ns)).output().split("\\s+"))
                    if (pid.matches("\\d+")) execute(List.of("kill", signal, pid));
            if (signal.equals("-TERM")) execute(List.of("sleep", "1"));
        }
        for (String ns : all) execute(List.of("ip", "netns", "delete", ns));
    }
}
