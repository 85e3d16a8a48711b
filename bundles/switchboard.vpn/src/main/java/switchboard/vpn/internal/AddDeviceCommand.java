package switchboard.vpn.internal;

import java.util.List;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code vpn:add-device NAME}: adds an admin device and prints its WireGuard configuration, private key
 * included, to hand over (Switchboard keeps no copy). A {@link Function}, because Gogo maps a hyphenated
 * command name to no method.
 */
@Component(service = Function.class, property = {"osgi.command.scope=vpn", "osgi.command.function=add-device"})
public class AddDeviceCommand implements Function {
    static final String USAGE = "usage: vpn:add-device NAME  (adds an admin device and prints its WireGuard configuration)\n";
    private final Vpn vpn;
    private final DeviceEnrollment enrollment;

    @Activate
    public AddDeviceCommand(@Reference Vpn vpn, @Reference DeviceEnrollment enrollment) {
        this.vpn = vpn;
        this.enrollment = enrollment;
    }

    @Override
    public Object execute(CommandSession session, List<Object> arguments) throws Exception {
        if (arguments.size() != 1) return USAGE;
        try {
            return enrollment.add(String.valueOf(arguments.get(0)))
                    + (vpn.settings().enabled() ? "" : "# note: the VPN is disabled (enabled = false in switchboard.vpn)\n");
        } catch (IllegalArgumentException e) {
            return "Not added: " + e.getMessage() + "\n";
        }
    }
}
