package switchboard.mail.internal.smtp;

import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import switchboard.api.network.Cidr;
import switchboard.api.network.NetworkSettings;
import switchboard.mail.internal.net.ClientNetwork;
import switchboard.mail.internal.alias.AliasLoopException;
import switchboard.mail.internal.alias.AliasTable;

/** The rules in force for one transaction: our domain and aliases, the relay setting, the size limit. */
public record InboundPolicy(RecipientRouter router, AliasTable aliases, NetworkSettings network, List<Cidr> vpnNetworks,
        boolean relayFromWan, long maxSize) {

    public InboundPolicy {
        vpnNetworks = List.copyOf(vpnNetworks);
    }

    /** Unauthenticated relaying: from loopback, the LAN and the VPN, from the WAN only when enabled. */
    boolean relayAllowedFrom(InetAddress client) {
        return relayFromWan || ClientNetwork.trusted(client, network, vpnNetworks);
    }

    /** An authenticated user may send as {@code user@domain} and as the aliases that deliver to that user. */
    boolean maySendAs(String user, String sender) {
        int at = sender.lastIndexOf('@');
        if (at < 0 || !sender.substring(at + 1).equalsIgnoreCase(router.domain())) return false;
        String local = sender.substring(0, at).toLowerCase(Locale.ROOT);
        if (local.equals(user)) return true;
        if (!aliases.isAlias(local)) return false;
        try {
            return aliases.expand(local, router.domain()).mailboxes().contains(user);
        } catch (AliasLoopException e) {
            return false;
        }
    }
}
