package switchboard.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import switchboard.api.broker.Endpoint;
import switchboard.api.broker.EndpointStatus;

/** Patching live: a jar overwritten in {@code deploy/} replaces its bundle in place, under traffic, leaving no thread behind. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotDeployIT extends RuntimeTest {
    private static final int DATAGRAMS = 2000;
    private static final Duration LOAD_DEADLINE = Duration.ofSeconds(30);
    private static final Duration THREAD_STOP = Duration.ofSeconds(5);

    @Inject
    private ConfigurationAdmin configurationAdmin;

    @Test
    public void aJarOverwrittenInDeployUpdatesItsBundleInPlace() {
        EchoDeployment echo = new EchoDeployment(context, "switchboard.itest.echo.inplace");
        echo.configure();
        Bundle first = echo.deploy(EchoDeployment.V1);
        long id = first.getBundleId();
        long installedAt = first.getLastModified();

        Bundle updated = echo.deploy(EchoDeployment.V2);

        assertSame("the same bundle object, updated", first, updated);
        assertEquals(id, updated.getBundleId());
        assertEquals(EchoDeployment.V2, updated.getVersion());
        assertTrue("updated after it was installed", updated.getLastModified() > installedAt);
        assertEquals(Bundle.ACTIVE, updated.getState());
        assertEquals("one bundle of that name", 1,
                Arrays.stream(context.getBundles()).filter(b -> b.getSymbolicName().equals(echo.pid())).count());
    }

    @Test
    public void aHandlerUpdatedUnderTrafficLosesNoDatagramAndKeepsItsPortAndConfiguration() throws Exception {
        EchoDeployment echo = new EchoDeployment(context, "switchboard.itest.echo.traffic");
        echo.configure();
        echo.deploy(EchoDeployment.V1);
        EndpointStatus before = echo.endpoint().orElseThrow();
        Dictionary<String, Object> configurationBefore = configuration(echo.pid()).getProperties();

        EchoReplies replies;
        try (EchoClient udp = new EchoClient(echo.port())) {
            FutureTask<EchoReplies> load = new FutureTask<>(() -> udp.exchange(DATAGRAMS, LOAD_DEADLINE));
            new Thread(load, "itest-echo-load").start();
            Await.until("a quarter of the datagrams answered by " + EchoDeployment.V1, () -> udp.answered() >= DATAGRAMS / 4);
            echo.deploy(EchoDeployment.V2);
            replies = load.get(LOAD_DEADLINE.toSeconds() + 5, TimeUnit.SECONDS);
        }

        EndpointStatus after = echo.endpoint().orElseThrow();
        assertEquals("every datagram answered: " + replies, List.of(), replies.unanswered());
        String v1 = echo.prefix() + " " + EchoDeployment.V1;
        String v2 = echo.prefix() + " " + EchoDeployment.V2;
        assertEquals("answerers: " + replies, Set.of(v1, v2), replies.countByAnswerer().keySet());
        assertEquals("the last datagram went to the new version", v2, replies.answererOfLast());
        assertEquals("the same socket: " + after, List.of(before.address(), before.port()), List.of(after.address(), after.port()));
        assertEquals(EndpointStatus.State.SERVING, after.state());
        assertEquals("handed to a handler, at once or after waiting for one: " + after, before.handled() + DATAGRAMS, after.handled());
        assertEquals("dropped, of those held during the handover: " + after, 0, after.dropped());
        assertEquals("the configuration is kept", asMap(configurationBefore), asMap(configuration(echo.pid()).getProperties()));
        assertEquals("the new handler serves the configured port", String.valueOf(echo.port()),
                String.valueOf(echo.handler().getProperty(Endpoint.PORT)));
    }

    @Test
    public void noThreadOfTheOldBundleSurvivesItsUpdate() throws Exception {
        EchoDeployment echo = new EchoDeployment(context, "switchboard.itest.echo.threads");
        echo.configure();
        Bundle bundle = echo.deploy(EchoDeployment.V1);
        EchoReplies replies = echo.exchange(10, LOAD_DEADLINE);
        assertEquals("the first version answers: " + replies, List.of(), replies.unanswered());
        Set<Thread> oldThreads = BundleThreads.of(bundle);
        assertFalse("the first version runs a worker thread", oldThreads.isEmpty());

        echo.deploy(EchoDeployment.V2);

        assertEquals("threads of " + EchoDeployment.V1 + " still alive " + THREAD_STOP.toSeconds() + " s after its update",
                List.of(), BundleThreads.survivors(oldThreads, THREAD_STOP));
    }

    private Configuration configuration(String pid) throws Exception {
        Configuration[] found = configurationAdmin.listConfigurations("(service.pid=" + pid + ")");
        assertTrue("one configuration " + pid, found != null && found.length == 1);
        return found[0];
    }

    private static Map<String, Object> asMap(Dictionary<String, Object> properties) {
        Map<String, Object> map = new TreeMap<>();
        for (String key : Collections.list(properties.keys())) map.put(key, properties.get(key));
        return map;
    }
}
