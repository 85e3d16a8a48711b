package switchboard.wan.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import switchboard.api.config.ConfigProblems;
import switchboard.api.config.InvalidConfigurationException;
import switchboard.api.host.CommandResult;
import switchboard.api.host.HostAdapter;
import switchboard.api.network.NetworkListener;
import switchboard.api.network.NetworkSettings;

/**
 * Puts the network model's WAN address and default route on the WAN interface: the static ones, or in
 * DHCP-client mode those {@link WanDhcpClient} leased (none while there is no lease). DNS servers never
 * come from the ISP.
 */
@Component(service = {WanInterface.class, NetworkListener.class}, configurationPid = WanInterface.PID, immediate = true)
@Designate(ocd = WanInterface.Config.class)
public class WanInterface implements NetworkListener {
    static final String PID = WanConfig.PID;

    @ObjectClassDefinition(name = "Switchboard WAN", description = "The interface facing the ISP; its address and gateway are in the network model.")
    @interface Config {
        @AttributeDefinition(name = "WAN interface", description = "e.g. eth1. Empty: Switchboard leaves the WAN interface alone.", required = false)
        String interface$() default "";
    }

    private static final Logger LOG = LoggerFactory.getLogger(WanInterface.class);
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "switchboard-wan"));
    private final HostAdapter host;
    private final ConfigProblems problems;
    private volatile String interfaceName = "";
    private volatile NetworkSettings network;

    @Activate
    public WanInterface(@Reference HostAdapter host, @Reference ConfigProblems problems, Map<String, Object> properties) {
        this.host = host;
        this.problems = problems;
        readConfig(properties);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        readConfig(properties);
        schedule();
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        worker.shutdownNow();
        if (!worker.awaitTermination(5, TimeUnit.SECONDS)) LOG.warn("the WAN worker did not stop within 5 s");
    }

    private void readConfig(Map<String, Object> properties) {
        try {
            interfaceName = WanConfig.read(properties).interfaceName();
            problems.clear(PID);
        } catch (InvalidConfigurationException e) {
            problems.report(PID, e);
        }
    }

    String interfaceName() {
        return interfaceName;
    }

    @Override
    public void networkChanged(NetworkSettings settings) {
        network = settings;
        schedule();
    }

    private void schedule() {
        try {
            worker.execute(this::apply);
        } catch (RejectedExecutionException e) {
            LOG.debug("deactivated: not applying", e);
        }
    }

    private void apply() {
        NetworkSettings settings = network;
        String dev = interfaceName;
        if (settings == null || dev.isEmpty()) return;
        WanTarget target = new WanTarget(dev, settings.wanAddress(), settings.wanGateway());
        host.run(List.of("ip", "link", "set", dev, "up"));
        String addresses = host.run(List.of("ip", "-4", "-o", "addr", "show", "dev", dev)).stdout();
        String routes = host.run(List.of("ip", "-4", "route", "show", "default")).stdout();
        for (List<String> command : WanCommands.plan(target, addresses, routes)) {
            CommandResult r = host.run(command);
            if (!r.succeeded()) LOG.warn("WAN not fully configured: {} failed: {}", String.join(" ", command), r.stderr().strip());
        }
    }
}
