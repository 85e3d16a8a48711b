package switchboard.dhcp.internal;

import java.net.Inet4Address;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import switchboard.api.config.InvalidConfigurationException;
import switchboard.api.dhcp.DhcpOptions;
import switchboard.api.dhcp.OptionCode;
import switchboard.api.network.Cidr;
import switchboard.api.network.NetworkSettings;

/**
 * What the server hands out, from its settings and the network model: the pool, the lease times and
 * the options every client gets. Made anew whenever either changes; validation happens here.
 */
record ServerPlan(
        String interfaceName,
        int port,
        Inet4Address serverAddress,
        Cidr lan,
        int poolStart,
        int poolEnd,
        int leaseSeconds,
        DhcpOptions clientOptions,
        Map<String, Reservation> reservationsByMac,
        Map<Inet4Address, Reservation> reservationsByAddress,
        DhcpSettings.ProbeMode probe,
        int declineHoldSeconds,
        int foreignServerHoldSeconds) {

    /** Seed section 5: the pool defaults to .1-.100 of the LAN subnet. */
    static final int DEFAULT_POOL_SIZE = 100;

    /** The interface to serve, or empty when DHCP is off (disabled, or no LAN interface yet). */
    static Optional<String> servedInterface(DhcpSettings settings, NetworkSettings network) {
        String name = settings.interfaceName().isEmpty() ? network.lanInterface() : settings.interfaceName();
        return settings.enabled() && name != null && !name.isBlank() ? Optional.of(name.trim()) : Optional.empty();
    }

    static ServerPlan of(String interfaceName, DhcpSettings settings, NetworkSettings network, List<Reservation> reservations)
            throws InvalidConfigurationException {
        Cidr lan = network.lanAddress();
        Inet4Address self = lan.address();
        int network0 = Cidr.toInt(lan.network());
        int lastHost = Cidr.toInt(lan.broadcast()) - 1;
        if (Integer.compareUnsigned(lastHost, network0 + 1) < 0)
            throw new InvalidConfigurationException("pool.start", "the LAN " + lan + " has no room for clients");
        int start = settings.poolStart().map(Cidr::toInt).orElse(network0 + 1);
        int end = settings.poolEnd().map(Cidr::toInt).orElse(minUnsigned(network0 + DEFAULT_POOL_SIZE, lastHost));
        checkInLan("pool.start", start, network0, lastHost, lan);
        checkInLan("pool.end", end, network0, lastHost, lan);
        if (Integer.compareUnsigned(start, end) > 0)
            throw new InvalidConfigurationException("pool.end", Cidr.fromInt(end).getHostAddress() + " comes before pool.start "
                    + Cidr.fromInt(start).getHostAddress());

        Map<String, Reservation> byMac = new HashMap<>();
        Map<Inet4Address, Reservation> byAddress = new HashMap<>();
        for (Reservation r : reservations) {
            String where = "reservation " + r.mac();
            if (!lan.contains(r.address()) || r.address().equals(lan.network()) || r.address().equals(lan.broadcast()))
                throw new InvalidConfigurationException("reservation", where + ": " + r.address().getHostAddress() + " is not a host address in the LAN " + lan);
            if (r.address().equals(self))
                throw new InvalidConfigurationException("reservation", where + ": " + self.getHostAddress() + " is this box's own address");
            Reservation other = byAddress.put(r.address(), r);
            if (other != null && !other.mac().equals(r.mac()))
                throw new InvalidConfigurationException("reservation", where + ": " + r.address().getHostAddress()
                        + " is already reserved for " + other.mac());
            if (byMac.put(r.mac(), r) != null)
                throw new InvalidConfigurationException("reservation", where + ": the MAC address has two reservations");
        }
        return new ServerPlan(interfaceName, settings.port(), self, lan, start, end, settings.leaseSeconds(),
                clientOptions(settings, network), Map.copyOf(byMac), Map.copyOf(byAddress), settings.probe(), settings.declineHoldSeconds(),
                settings.foreignServerHoldSeconds());
    }

    private static void checkInLan(String key, int address, int network0, int lastHost, Cidr lan) throws InvalidConfigurationException {
        if (Integer.compareUnsigned(address, network0) <= 0 || Integer.compareUnsigned(address, lastHost) > 0)
            throw new InvalidConfigurationException(key, Cidr.fromInt(address).getHostAddress() + " is not a host address in the LAN " + lan);
    }

    private static int minUnsigned(int a, int b) {
        return Integer.compareUnsigned(a, b) <= 0 ? a : b;
    }

    /**
     * Seed section 5: mask from the LAN; router and DNS are this box when it routes, else the
     * configured gateway and DNS; the domain from the network settings; time server is this box.
     */
    private static DhcpOptions clientOptions(DhcpSettings settings, NetworkSettings network) {
        Cidr lan = network.lanAddress();
        DhcpOptions.Builder b = DhcpOptions.builder().address(OptionCode.SUBNET_MASK, lan.netmask());
        if (network.mode().routes()) {
            b.address(OptionCode.ROUTER, lan.address()).address(OptionCode.DOMAIN_NAME_SERVER, lan.address());
        } else {
            network.wanGateway().ifPresent(g -> b.address(OptionCode.ROUTER, g));
            if (!network.wanDns().isEmpty()) b.address(OptionCode.DOMAIN_NAME_SERVER, network.wanDns().get(0));
        }
        if (network.domain() != null && !network.domain().isBlank()) b.string(OptionCode.DOMAIN_NAME, network.domain());
        b.address(OptionCode.BROADCAST_ADDRESS, lan.broadcast());
        b.address(OptionCode.NTP_SERVERS, lan.address());
        for (ExtraOption o : settings.extraOptions()) b.bytes(o.code(), o.value());
        return b.build();
    }

    boolean inPool(int address) {
        return Integer.compareUnsigned(address, poolStart) >= 0 && Integer.compareUnsigned(address, poolEnd) <= 0;
    }

    /** An address this server may hand out at all: in the pool or reserved, never its own. */
    boolean assignable(Inet4Address address) {
        return !address.equals(serverAddress) && (inPool(Cidr.toInt(address)) || reservationsByAddress.containsKey(address));
    }

    Optional<Reservation> reservedFor(String mac) {
        return Optional.ofNullable(reservationsByMac.get(mac));
    }

    /** The MAC an address is reserved for, if any. */
    Optional<String> reservedMac(Inet4Address address) {
        return Optional.ofNullable(reservationsByAddress.get(address)).map(Reservation::mac);
    }

    long renewalSeconds() {
        return leaseSeconds / 2L;
    }

    long rebindingSeconds() {
        return leaseSeconds * 7L / 8;
    }
}
