package switchboard.vpn.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import switchboard.api.network.Cidr;

/**
 * The {@code wg} and {@code ip} commands that take an existing WireGuard interface from its current state (its
 * {@code wg show dump}, addresses and routes) to the configured one, one peer at a time: a peer that is
 * already right gives no command, a removed one is removed alone, so the other peers' sessions never notice.
 */
final class TunnelPlan {
    private static final Pattern ADDRESS = Pattern.compile("\\binet (\\d{1,3}(?:\\.\\d{1,3}){3}/\\d{1,2})\\b");
    private static final Pattern ROUTE = Pattern.compile("^(\\d{1,3}(?:\\.\\d{1,3}){3}(?:/\\d{1,2})?)\\s");

    private TunnelPlan() {}

    /**
     * @param current the interface's dump, empty for a new interface (or in a dry run)
     * @param pskFile where a peer's preshared key file is, for those that have one
     * @param removeUnknown whether peers and routes the configuration does not name are removed; not while the
     *     peer configurations may still be arriving
     */
    static List<List<String>> plan(VpnSettings settings, Path privateKeyFile, String publicKey, List<Peer> peers,
            Optional<WgDump.Interface> current, String addressListing, String routeListing, Function<Peer, Path> pskFile,
            boolean removeUnknown) {
        String dev = settings.interfaceName();
        List<List<String>> commands = new ArrayList<>();
        if (current.isEmpty() || current.get().listenPort() != settings.listenPort() || !current.get().publicKey().equals(publicKey))
            commands.add(List.of("wg", "set", dev, "listen-port", String.valueOf(settings.listenPort()), "private-key", privateKeyFile.toString()));
        Set<String> wanted = new LinkedHashSet<>();
        peers.forEach(p -> wanted.add(p.publicKey()));
        current.filter(c -> removeUnknown).ifPresent(c -> c.peers().stream().filter(p -> !wanted.contains(p.publicKey()))
                .forEach(p -> commands.add(List.of("wg", "set", dev, "peer", p.publicKey(), "remove"))));
        for (Peer peer : peers) {
            Optional<WgDump.PeerStatus> now = current.flatMap(c -> c.peer(peer.publicKey()));
            if (now.isEmpty() || differs(peer, now.get())) commands.add(setPeer(dev, peer, pskFile));
        }
        addresses(commands, dev, settings.address(), addressListing);
        commands.add(List.of("ip", "link", "set", dev, "up"));
        routes(commands, dev, settings.tunnelNetwork(), peers, routeListing, removeUnknown);
        return commands;
    }

    private static boolean differs(Peer peer, WgDump.PeerStatus now) {
        List<String> allowed = peer.allowed().stream().map(Cidr::toString).toList();
        return !Set.copyOf(allowed).equals(Set.copyOf(now.allowedIps())) || peer.keepalive() != now.keepalive()
                || peer.presharedKey().isPresent() || now.hasPresharedKey()
                || peer.endpoint().isPresent() && !now.endpoint().equals(peer.endpoint());
    }

    private static List<String> setPeer(String dev, Peer peer, Function<Peer, Path> pskFile) {
        List<String> c = new ArrayList<>(List.of("wg", "set", dev, "peer", peer.publicKey()));
        c.addAll(List.of("preshared-key", peer.presharedKey().isPresent() ? pskFile.apply(peer).toString() : "/dev/null"));
        peer.endpoint().ifPresent(e -> c.addAll(List.of("endpoint", e)));
        c.addAll(List.of("persistent-keepalive", peer.keepalive() == 0 ? "off" : String.valueOf(peer.keepalive())));
        c.addAll(List.of("allowed-ips", peer.allowedList()));
        return c;
    }

    private static void addresses(List<List<String>> commands, String dev, Cidr wanted, String listing) {
        List<String> present = new ArrayList<>();
        for (String line : listing.split("\n")) {
            Matcher m = ADDRESS.matcher(line);
            if (m.find()) present.add(m.group(1));
        }
        for (String a : present) if (!a.equals(wanted.toString())) commands.add(List.of("ip", "addr", "del", a, "dev", dev));
        if (!present.contains(wanted.toString())) commands.add(List.of("ip", "addr", "add", wanted.toString(), "dev", dev));
    }

    /** Routes to the sites' networks through the tunnel; the tunnel network's own route is the kernel's. */
    private static void routes(List<List<String>> commands, String dev, Cidr tunnel, List<Peer> peers, String listing, boolean removeUnknown) {
        Set<String> wanted = new LinkedHashSet<>();
        peers.forEach(p -> p.routedNetworks(tunnel).forEach(n -> wanted.add(n.prefixLength() == 32 ? n.address().getHostAddress() : n.toString())));
        Set<String> present = new LinkedHashSet<>();
        for (String line : listing.split("\n")) {
            Matcher m = ROUTE.matcher(line + " ");
            if (m.find() && !line.contains("proto kernel")) present.add(m.group(1));
        }
        if (removeUnknown) for (String r : present) if (!wanted.contains(r)) commands.add(List.of("ip", "route", "del", r, "dev", dev));
        for (String r : wanted) if (!present.contains(r)) commands.add(List.of("ip", "route", "replace", r, "dev", dev));
    }
}
