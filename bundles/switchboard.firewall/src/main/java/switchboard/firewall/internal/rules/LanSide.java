package switchboard.firewall.internal.rules;

import switchboard.api.network.Cidr;

/** nftables matches for "came from the LAN", "came from elsewhere" and "leaves towards elsewhere". */
record LanSide(String lanInterface, Cidr lan) {

    String fromLan() {
        return lanInterface.isEmpty() ? "ip saddr " + subnet() : "iifname \"" + lanInterface + "\"";
    }

    String fromWan() {
        return lanInterface.isEmpty() ? "ip saddr != " + subnet() : "iifname != \"" + lanInterface + "\"";
    }

    String towardsWan() {
        return lanInterface.isEmpty() ? "ip daddr != " + subnet() : "oifname != \"" + lanInterface + "\"";
    }

    String towardsLan() {
        return lanInterface.isEmpty() ? "ip daddr " + subnet() : "oifname \"" + lanInterface + "\"";
    }

    String subnet() {
        return lan.network().getHostAddress() + "/" + lan.prefixLength();
    }
}
