package switchboard.vpn.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import switchboard.api.network.Cidr;

/**
 * One WireGuard peer as configured: a site routes whole networks, a device has exactly one address in the
 * tunnel network. {@code allowed} holds network addresses ({@code 198.18.2.0/24}, {@code 10.99.0.2/32}).
 */
record Peer(String name, PeerKind kind, String publicKey, Optional<String> endpoint, List<Cidr> allowed, int keepalive,
        Optional<String> presharedKey) {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");
    private static final Pattern ENDPOINT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,252}:(\\d{1,5})");

    Peer {
        allowed = List.copyOf(allowed);
    }

    /** Validates every field; an {@link IllegalArgumentException} names the first wrong one. */
    static Peer parse(String name, String kind, String publicKey, String endpoint, List<String> allowed, int keepalive,
            String presharedKey, Cidr tunnel) {
        if (!NAME.matcher(name).matches())
            throw new IllegalArgumentException("name: '" + name + "' is not a peer name (letters, digits, . _ -, at most 32)");
        PeerKind k = PeerKind.parse(kind);
        String key = field("public.key", () -> WireGuardKey.valid(publicKey));
        Optional<String> at = Optional.empty();
        if (!endpoint.isBlank()) {
            var m = ENDPOINT.matcher(endpoint.strip());
            if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(1)) > 65535)
                throw new IllegalArgumentException("endpoint: '" + endpoint + "' is not host:port");
            at = Optional.of(endpoint.strip());
        }
        List<Cidr> networks = new ArrayList<>();
        for (String a : allowed) {
            Cidr c = field("allowed.ips", () -> Cidr.parse(a));
            networks.add(new Cidr(c.network(), c.prefixLength()));
        }
        if (networks.isEmpty()) throw new IllegalArgumentException("allowed.ips: a peer needs at least one address or network");
        if (k == PeerKind.DEVICE && (networks.size() != 1 || networks.get(0).prefixLength() != 32 || !tunnel.contains(networks.get(0).address())))
            throw new IllegalArgumentException("allowed.ips: a device has exactly one address (/32) in the tunnel network " + tunnel);
        if (keepalive < 0 || keepalive > 65535) throw new IllegalArgumentException("keepalive: " + keepalive + " is out of range 0..65535");
        Optional<String> psk = presharedKey.isBlank() ? Optional.empty()
                : Optional.of(field("preshared.key", () -> WireGuardKey.valid(presharedKey)));
        return new Peer(name, k, key, at, networks, keepalive, psk);
    }

    private static <T> T field(String key, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
    }

    String allowedList() {
        return allowed.stream().map(Cidr::toString).collect(Collectors.joining(","));
    }

    /** The networks reached through this peer beyond the tunnel network itself: routes to add. */
    List<Cidr> routedNetworks(Cidr tunnel) {
        return allowed.stream().filter(c -> !(tunnel.contains(c.address()) && c.prefixLength() >= tunnel.prefixLength())).toList();
    }
}
