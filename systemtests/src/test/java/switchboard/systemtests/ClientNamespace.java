package switchboard.systemtests;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A network namespace made for one test, joined to this host by a veth pair: the host side has
 * {@code 198.51.100.1/24} (TEST-NET-2), the client inside {@code 198.51.100.2}. Traffic stays on the
 * pair; {@link #close} deletes the namespace and with it the pair. Needs root.
 */
final class ClientNamespace implements AutoCloseable {
    static final String HOST_ADDRESS = "198.51.100.1";
    static final String CLIENT_ADDRESS = "198.51.100.2";
    private final String name;

    private ClientNamespace(String name) {
        this.name = name;
    }

    static ClientNamespace create() {
        String id = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
        ClientNamespace ns = new ClientNamespace("sbtest-" + id);
        String host = "sbh" + id;
        String client = "sbc" + id;
        ClientCommand.succeed(List.of("ip", "netns", "add", ns.name));
        try {
            ClientCommand.succeed(List.of("ip", "link", "add", host, "type", "veth", "peer", "name", client));
            ClientCommand.succeed(List.of("ip", "link", "set", client, "netns", ns.name));
            ClientCommand.succeed(List.of("ip", "addr", "add", HOST_ADDRESS + "/24", "dev", host));
            ClientCommand.succeed(List.of("ip", "link", "set", host, "up"));
            ClientCommand.succeed(ns.inside("ip", "addr", "add", CLIENT_ADDRESS + "/24", "dev", client));
            ClientCommand.succeed(ns.inside("ip", "link", "set", client, "up"));
            ClientCommand.succeed(ns.inside("ip", "link", "set", "lo", "up"));
        } catch (AssertionError | RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    /** The command line that runs {@code argv} inside the namespace. */
    List<String> inside(String... argv) {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", name));
        all.addAll(List.of(argv));
        return all;
    }

    @Override
    public void close() {
        ClientCommand.run(List.of("ip", "netns", "del", name));
    }
}
