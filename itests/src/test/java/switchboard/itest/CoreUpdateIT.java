package switchboard.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import switchboard.api.broker.EndpointStatus;

/** Core owns the sockets: patching core itself must rebind them and leave none of its old threads running. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CoreUpdateIT extends RuntimeTest {
    private static final String CORE = "switchboard.core";
    private static final Duration DEADLINE = Duration.ofSeconds(10);

    @Test
    public void anUpdatedCoreServesTheSameEndpointAndNoThreadOfTheOldCoreSurvives() throws Exception {
        EchoDeployment echo = new EchoDeployment(context, "switchboard.itest.echo.core");
        echo.configure();
        echo.deploy(EchoDeployment.V1);
        assertEquals("unanswered", List.of(), echo.exchange(10, DEADLINE).unanswered());
        DistributionBundle coreJar = DistributionBundle.all().stream().filter(b -> b.symbolicName().equals(CORE)).findFirst().orElseThrow();
        Bundle core = context.getBundle(coreJar.location());
        Set<Thread> oldThreads = BundleThreads.of(core);
        assertFalse("core runs the endpoint's receive thread", oldThreads.isEmpty());

        try (InputStream patch = Files.newInputStream(coreJar.jar())) {
            core.update(patch);
        }

        Await.until("the new core serves " + echo.pid() + " again", echo::endpoint,
                e -> e.isPresent() && e.get().state() == EndpointStatus.State.SERVING);
        assertEquals("the same port", echo.port(), echo.endpoint().orElseThrow().port());
        assertEquals("unanswered after the update", List.of(), echo.exchange(10, DEADLINE).unanswered());
        assertEquals("threads of the old core still alive", List.of(), BundleThreads.survivors(oldThreads, DEADLINE));
    }
}
