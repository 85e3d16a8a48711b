package switchboard.firewall.internal.shell;

import java.io.IOException;
import java.time.Duration;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import switchboard.api.firewall.Ban;
import switchboard.api.network.Cidr;
import switchboard.firewall.internal.apply.Firewall;
import switchboard.firewall.internal.changes.FirewallChanges;
import switchboard.firewall.internal.config.RuleConfigs;
import switchboard.firewall.internal.view.FirewallText;

/** The {@code fw:} shell commands. */
@Component(service = FirewallCommands.class, property = {
        "osgi.command.scope=fw", "osgi.command.function=show", "osgi.command.function=ports", "osgi.command.function=status",
        "osgi.command.function=mode", "osgi.command.function=expose", "osgi.command.function=unexpose",
        "osgi.command.function=forward", "osgi.command.function=unforward", "osgi.command.function=confirm",
        "osgi.command.function=ban", "osgi.command.function=unban", "osgi.command.function=bans"})
public class FirewallCommands {
    private final Firewall firewall;
    private final FirewallChanges changes;

    @Activate
    public FirewallCommands(@Reference Firewall firewall, @Reference FirewallChanges changes) {
        this.firewall = firewall;
        this.changes = changes;
    }

    @Descriptor("the nftables ruleset in force, as rendered")
    public String show() {
        return firewall.status().ruleset().orElse("No ruleset applied yet.");
    }

    @Descriptor("every port Switchboard uses, its purpose and whether it is open on the WAN (for port forwards on an upstream router)")
    public String ports() {
        return FirewallText.ports(firewall.status());
    }

    @Descriptor("mode, exposures, forwards, last apply, error, open confirmation window, counters")
    public String status() {
        return FirewallText.status(firewall.status(), changes.deadline()) + "\n" + FirewallText.counters(firewall.kernelListing());
    }

    @Descriptor("switch the network mode (lan-only, router, nat, nat-dmz); undone unless confirmed with fw:confirm")
    public String mode(@Descriptor("lan-only, router, nat or nat-dmz") String mode) throws IOException {
        return tentatively(() -> changes.mode(mode));
    }

    @Descriptor("open one of the box's ports on the WAN; undone unless confirmed with fw:confirm")
    public String expose(@Descriptor("name, e.g. smtp") String name, @Descriptor("ports, e.g. 25/tcp or 10000-20000/udp") String ports)
            throws IOException {
        return tentatively(() -> changes.expose(name, ports));
    }

    @Descriptor("close an exposed port; undone unless confirmed with fw:confirm")
    public String unexpose(@Descriptor("name") String name) throws IOException {
        return changes.remove(RuleConfigs.EXPOSE_PID, name) ? pending() : "No exposure named " + name + ".";
    }

    @Descriptor("send a WAN port on to a LAN device; undone unless confirmed with fw:confirm")
    public String forward(@Descriptor("name, e.g. camera") String name, @Descriptor("WAN port, e.g. 8443/tcp") String ports,
            @Descriptor("LAN device and port, e.g. 192.168.2.20:443") String to) throws IOException {
        return tentatively(() -> changes.forward(name, ports, to));
    }

    @Descriptor("remove a port forward; undone unless confirmed with fw:confirm")
    public String unforward(@Descriptor("name") String name) throws IOException {
        return changes.remove(RuleConfigs.FORWARD_PID, name) ? pending() : "No forward named " + name + ".";
    }

    @Descriptor("keep the firewall changes made since the confirmation window opened")
    public String confirm() {
        return changes.confirm() ? "Changes confirmed." : "Nothing to confirm.";
    }

    @Descriptor("drop every packet from an address for some minutes")
    public String ban(@Descriptor("IPv4 address") String address, @Descriptor("minutes") int minutes) {
        try {
            firewall.ban(Cidr.parseIpv4(address), Duration.ofMinutes(minutes), "banned from the shell");
            return address + " banned for " + minutes + " min.";
        } catch (IllegalArgumentException e) {
            return "Not banned: " + e.getMessage();
        }
    }

    @Descriptor("lift the ban of an address")
    public String unban(@Descriptor("IPv4 address") String address) {
        try {
            firewall.lift(Cidr.parseIpv4(address));
            return "Ban of " + address + " lifted.";
        } catch (IllegalArgumentException e) {
            return "Nothing lifted: " + e.getMessage();
        }
    }

    @Descriptor("the bans in force")
    public String bans() {
        StringBuilder sb = new StringBuilder();
        for (Ban b : firewall.current())
            sb.append(b.address().getHostAddress()).append(" until ").append(b.until()).append(": ").append(b.reason()).append('\n');
        return sb.length() == 0 ? "No bans." : sb.toString();
    }

    private interface Change {
        void apply() throws IOException;
    }

    private String tentatively(Change change) throws IOException {
        try {
            change.apply();
            return pending();
        } catch (IllegalArgumentException e) {
            return "Refused: " + e.getMessage();
        }
    }

    private String pending() {
        return changes.confirmationNotice() + " Confirm with: fw:confirm";
    }
}
