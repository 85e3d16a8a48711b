package switchboard.dhcp.internal;

import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import switchboard.api.config.ConfigProblems;
import switchboard.api.config.ConfigValues;
import switchboard.api.config.InvalidConfigurationException;

/**
 * One reservation, a factory configuration of {@code switchboard.dhcp.reservation}; a valid one is
 * published as a service the server collects. An invalid one is reported and not published.
 */
@Component(service = ReservationConfig.class, configurationPid = ReservationConfig.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ReservationConfig.Config.class, factory = true)
public class ReservationConfig {
    static final String FACTORY_PID = "switchboard.dhcp.reservation";

    @ObjectClassDefinition(name = "Switchboard DHCP reservation", description = "A fixed LAN address for one MAC address.")
    @interface Config {
        @AttributeDefinition(name = "MAC address", description = "e.g. 02:00:5e:10:20:30")
        String mac();

        @AttributeDefinition(name = "Address", description = "An address in the LAN subnet, not this box's own.")
        String address();

        @AttributeDefinition(name = "Host name", description = "Registered in DNS as NAME.<domain>; empty: the client's own.", required = false)
        String hostname() default "";
    }

    private final Reservation reservation;

    @Activate
    public ReservationConfig(@Reference ConfigProblems problems, Map<String, Object> properties) throws InvalidConfigurationException {
        ConfigValues v = new ConfigValues(properties);
        String pid = v.string("service.pid", FACTORY_PID);
        try {
            reservation = Reservation.parse(v.string("mac", ""), v.string("address", ""), v.string("hostname", ""));
            problems.clear(pid);
        } catch (IllegalArgumentException e) {
            InvalidConfigurationException problem = new InvalidConfigurationException("reservation", e.getMessage());
            problems.report(pid, problem);
            throw problem;
        }
    }

    Reservation reservation() {
        return reservation;
    }
}
