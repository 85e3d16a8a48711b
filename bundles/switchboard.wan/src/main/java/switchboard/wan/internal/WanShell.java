package switchboard.wan.internal;

import java.time.Instant;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import switchboard.api.network.NetworkModel;

/** The {@code wan:} shell commands. */
@Component(service = WanShell.class, property = {"osgi.command.scope=wan", "osgi.command.function=status"})
public class WanShell {
    private final NetworkModel model;
    private final WanInterface wan;
    private final WanDhcpClient dhcp;

    @Activate
    public WanShell(@Reference NetworkModel model, @Reference WanInterface wan, @Reference WanDhcpClient dhcp) {
        this.model = model;
        this.wan = wan;
        this.dhcp = dhcp;
    }

    @Descriptor("WAN mode, interface, address and gateway; in DHCP mode the client's state, server and lease timers")
    public String status() {
        return WanStatusRows.text(WanStatusRows.of(model.current(), wan.interfaceName(), dhcp.snapshot(), Instant.now()));
    }
}
