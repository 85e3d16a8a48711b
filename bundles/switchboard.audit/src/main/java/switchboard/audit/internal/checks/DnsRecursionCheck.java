package switchboard.audit.internal.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import switchboard.api.network.Cidr;
import switchboard.audit.internal.view.Listener;
import switchboard.audit.internal.view.PortSpec;
import switchboard.audit.internal.view.RulesetInForce;
import switchboard.audit.internal.view.SecurityView;

/**
 * An open resolver is abused for amplification attacks. Recursion is for the LAN and {@code internal.networks};
 * a network there that is not private address space lets strangers recurse, and does harm when the DNS port
 * is reachable from the WAN.
 */
@Component(property = {HealthCheck.NAME + "=Security: DNS recursion for the WAN", HealthCheck.TAGS + "=" + SecurityChecks.TAG})
public class DnsRecursionCheck implements HealthCheck {
    static final String PID = "switchboard.dns";
    private static final List<Cidr> PRIVATE = List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("172.16.0.0/12"),
            Cidr.parse("192.168.0.0/16"), Cidr.parse("127.0.0.0/8"), Cidr.parse("100.64.0.0/10"), Cidr.parse("169.254.0.0/16"));

    private final SecurityView view;

    @Activate
    public DnsRecursionCheck(@Reference SecurityView view) {
        this.view = view;
    }

    @Override
    public Result execute() {
        FormattingResultLog log = new FormattingResultLog();
        List<String> open = publicNetworks(view.value(PID, "internal.networks", "127.0.0.0/8"));
        int port = view.number(PID, "port", 1053);
        Optional<RulesetInForce> ruleset = view.ruleset();
        List<Listener> reachable = view.listeners().stream()
                .filter(l -> l.port() == port && l.protocol() == PortSpec.Protocol.UDP && view.reachableFromWan(l, ruleset)).toList();
        if (!open.isEmpty()) {
            String fix = "Fix: list only loopback, the LAN and VPN networks in internal.networks of etc/switchboard.dns.cfg";
            if (reachable.isEmpty()) log.warn("internal.networks lets public address space recurse ({}); the WAN cannot reach the DNS port now. {}",
                    String.join(", ", open), fix);
            else log.critical("the resolver on {} recurses for public address space ({}) and answers the WAN: an open resolver. {}",
                    reachable.get(0), String.join(", ", open), fix);
        } else {
            log.info("recursion only for the LAN and private networks{}", reachable.isEmpty() ? "" : "; WAN clients see only public names");
        }
        return new Result(log);
    }

    /** The entries of {@code internal.networks} that reach beyond private address space (unparsable ones count too). */
    static List<String> publicNetworks(String networks) {
        List<String> open = new ArrayList<>();
        for (String item : networks.split("[,\\s]+")) {
            if (item.isEmpty()) continue;
            try {
                Cidr cidr = Cidr.parse(item);
                boolean inside = PRIVATE.stream().anyMatch(p -> p.prefixLength() <= cidr.prefixLength() && p.contains(cidr.network()));
                if (!inside) open.add(item);
            } catch (IllegalArgumentException e) {
                open.add(item);
            }
        }
        return open;
    }
}
