package switchboard.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Collection;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import switchboard.api.config.ConfigProblem;
import switchboard.api.config.ConfigProblems;
import switchboard.api.network.Cidr;
import switchboard.api.network.NetworkMode;
import switchboard.api.network.NetworkModel;
import switchboard.api.network.NetworkSettings;

/** Files in {@code etc/} configure the running components, live, and bad values are refused as a whole. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConfigurationIT extends RuntimeTest {
    private static final String NETWORK_COMPONENT = "switchboard.core.internal.network.NetworkModelImpl";

    @Inject
    private NetworkModel network;

    @Inject
    private ConfigProblems problems;

    @Inject
    private ServiceComponentRuntime scr;

    @Inject
    private CommandProcessor shell;

    @Test
    public void aFileInEtcReachesItsComponent() {
        home().writeConfig(NetworkModel.PID, "domain = example.org\n");

        awaitDomain("example.org");
    }

    @Test
    public void anEditIsAppliedInPlaceWithoutReactivatingTheComponent() {
        home().writeConfig(NetworkModel.PID, "domain = before.example.org\nmode = nat-dmz\n");
        NetworkSettings before = awaitDomain("before.example.org");
        NetworkModelInstance instanceBefore = NetworkModelInstance.current(context, scr);

        home().writeConfig(NetworkModel.PID, "domain = after.example.org\nmode = router\n");
        NetworkSettings after = awaitDomain("after.example.org");

        assertEquals(NetworkMode.ROUTER, after.mode());
        assertTrue("a new revision is published", after.revision() > before.revision());
        assertEquals("the same component instance, service and configuration: @Modified, not a re-activation",
                instanceBefore, NetworkModelInstance.current(context, scr));
    }

    @Test
    public void aBadValueIsRefusedAsAWholeShownInTheShellAndClearedOnceFixed() {
        home().writeConfig(NetworkModel.PID, "domain = good.example.org\nlan.address = 10.1.1.1/24\n");
        NetworkSettings good = awaitDomain("good.example.org");

        home().writeConfig(NetworkModel.PID, "domain = refused.example.org\nlan.address = 300.1.1.1/24\n");
        ConfigProblem problem = Await.until("a configuration problem for " + NetworkModel.PID,
                this::networkProblem, Optional::isPresent).get();

        assertEquals("lan.address", problem.key());
        assertEquals("the last good configuration stays in force, nothing of the refused one applied", good, network.current());
        String status = shell("sb:status");
        assertTrue(status, status.contains(NetworkModel.PID + ": key lan.address:"));

        home().writeConfig(NetworkModel.PID, "domain = fixed.example.org\nlan.address = 10.1.1.2/24\n");
        NetworkSettings fixed = awaitDomain("fixed.example.org");

        assertEquals(Cidr.parse("10.1.1.2/24"), fixed.lanAddress());
        assertEquals(Optional.empty(), networkProblem());
        Await.until("sb:status no longer shows the problem (its health checks are cached for a moment)",
                () -> shell("sb:status"), s -> !s.contains("key lan.address"));
    }

    private NetworkSettings awaitDomain(String domain) {
        return Await.until("the network model's domain becomes " + domain, network::current, s -> s.domain().equals(domain));
    }

    private Optional<ConfigProblem> networkProblem() {
        return problems.current().stream().filter(p -> p.pid().equals(NetworkModel.PID)).findFirst();
    }

    private String shell(String command) {
        return GogoShell.run(shell, command);
    }

    /** What a re-activation would replace: the service registration, the component object, the component configuration. */
    private record NetworkModelInstance(long serviceId, NetworkModel service, long componentConfigurationId) {
        static NetworkModelInstance current(BundleContext context, ServiceComponentRuntime scr) {
            ServiceReference<NetworkModel> reference = context.getServiceReference(NetworkModel.class);
            ComponentDescriptionDTO description = scr.getComponentDescriptionDTO(reference.getBundle(), NETWORK_COMPONENT);
            Collection<ComponentConfigurationDTO> configurations = scr.getComponentConfigurationDTOs(description);
            assertEquals("one configuration of " + NETWORK_COMPONENT, 1, configurations.size());
            NetworkModel service = context.getService(reference);
            context.ungetService(reference);
            return new NetworkModelInstance((Long) reference.getProperty(Constants.SERVICE_ID), service,
                    configurations.iterator().next().id);
        }
    }
}
