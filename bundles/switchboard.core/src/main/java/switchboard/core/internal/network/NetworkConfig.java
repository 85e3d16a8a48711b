package switchboard.core.internal.network;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import switchboard.api.config.ConfigValues;
import switchboard.api.config.InvalidConfigurationException;
import switchboard.api.network.Cidr;
import switchboard.api.network.NetworkMode;
import switchboard.api.network.WanMode;

/** The validated content of PID {@code switchboard.network}. */
record NetworkConfig(String lanInterface, Cidr lanAddress, String domain, WanMode wanMode,
        Optional<Cidr> wanAddress, Optional<Inet4Address> wanGateway, List<Inet4Address> wanDns, NetworkMode mode) {

    static final String DEFAULT_LAN_ADDRESS = "192.168.2.254/24";
    static final String DEFAULT_DOMAIN = "office.lan";
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9._@-]{1,15}");

    static NetworkConfig parse(Map<String, ?> properties) throws InvalidConfigurationException {
        ConfigValues v = new ConfigValues(properties);
        String lanInterface = v.string("lan.interface", "");
        if (!lanInterface.isEmpty() && !INTERFACE.matcher(lanInterface).matches())
            throw new InvalidConfigurationException("lan.interface", "'" + lanInterface + "' is not an interface name");
        Cidr lan = v.parsed("lan.address", DEFAULT_LAN_ADDRESS, Cidr::parse);
        if (lan.prefixLength() < 8 || lan.prefixLength() > 30)
            throw new InvalidConfigurationException("lan.address", "prefix /" + lan.prefixLength() + " must be between /8 and /30");
        if (lan.address().equals(lan.network()) || lan.address().equals(lan.broadcast()))
            throw new InvalidConfigurationException("lan.address", lan + " is the network or broadcast address, not a host");
        String domain = v.string("domain", DEFAULT_DOMAIN).toLowerCase();
        checkDomain(domain);
        if (v.string("wan.mode", "static").equalsIgnoreCase("pppoe"))
            throw new InvalidConfigurationException("wan.mode", "PPPoE is not supported: let the ISP's modem dial PPPoE"
                    + " and hand this box its address by DHCP (wan.mode = dhcp) or as a fixed address (static)");
        WanMode wanMode = v.parsed("wan.mode", "static", WanMode::fromKey);
        String wanText = v.string("wan.address", "");
        Optional<Cidr> wan = wanText.isEmpty() ? Optional.empty() : Optional.of(v.parsed("wan.address", "", Cidr::parse));
        if (wan.isPresent() && lan.contains(wan.get().address()))
            throw new InvalidConfigurationException("wan.address", wan.get() + " lies inside the LAN " + lan);
        String gatewayText = v.string("wan.gateway", "");
        Optional<Inet4Address> gateway = gatewayText.isEmpty() ? Optional.empty()
                : Optional.of(v.parsed("wan.gateway", "", Cidr::parseIpv4));
        if (gateway.isPresent() && wan.isPresent() && !wan.get().contains(gateway.get()))
            throw new InvalidConfigurationException("wan.gateway", gatewayText + " is not inside the WAN subnet of " + wan.get());
        List<Inet4Address> dns = new ArrayList<>();
        for (String s : v.list("wan.dns")) {
            try {
                dns.add(Cidr.parseIpv4(s));
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationException("wan.dns", e.getMessage());
            }
        }
        NetworkMode mode = v.parsed("mode", NetworkMode.NAT_DMZ.key(), NetworkMode::fromKey);
        return new NetworkConfig(lanInterface, lan, domain, wanMode, wan, gateway, dns, mode);
    }

    private static void checkDomain(String domain) throws InvalidConfigurationException {
        if (domain.length() > 253 || !domain.contains("."))
            throw new InvalidConfigurationException("domain", "'" + domain + "' is not a domain name with at least two labels");
        for (String label : domain.split("\\.", -1))
            if (!LABEL.matcher(label).matches())
                throw new InvalidConfigurationException("domain", "'" + domain + "' has an invalid label '" + label + "'");
    }

    static NetworkConfig defaults() {
        try {
            return parse(Map.of());
        } catch (InvalidConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
