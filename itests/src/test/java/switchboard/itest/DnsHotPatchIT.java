package switchboard.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.service.cm.ConfigurationAdmin;
import switchboard.api.broker.EndpointStatus;
import switchboard.api.broker.SocketBroker;
import switchboard.api.dns.DynamicHostnames;
import switchboard.api.dns.Registration;
import switchboard.api.network.NetworkModel;

/** Patching the DNS bundle under query load: no query lost, the same port, the DHCP clients' names kept. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class DnsHotPatchIT extends RuntimeTest {
    private static final String DNS = "switchboard.dns";
    private static final int QUERIES = 3000;
    private static final Duration LOAD_DEADLINE = Duration.ofSeconds(30);
    private static final Duration THREAD_STOP = Duration.ofSeconds(5);
    private static final int NOERROR = 0;

    @Inject
    private ConfigurationAdmin configurationAdmin;
    @Inject
    private SocketBroker broker;
    @Inject
    private NetworkModel network;

    @Test
    public void anUpdatedDnsBundleAnswersEveryQueryOnTheSamePortAndKeepsTheDhcpNames() throws Exception {
        int port = FreePort.udp();
        configurationAdmin.getConfiguration(DNS, "?").update(new Hashtable<>(Map.of("port", String.valueOf(port))));
        Await.until("the DNS endpoint on port " + port, () -> udpEndpoint(port), Optional::isPresent);
        String domain = network.current().domain();
        Registration registered = service(DynamicHostnames.class).register("laptop", (Inet4Address) InetAddress.getByName("192.168.2.50"), "01:02:03:04:05:06");
        assertEquals(Registration.REGISTERED, registered);
        EndpointStatus before = udpEndpoint(port).orElseThrow();
        Bundle dns = bundle(DNS);
        Set<Thread> oldThreads = BundleThreads.of(dns);
        DistributionBundle jar = DistributionBundle.all().stream().filter(b -> b.symbolicName().equals(DNS)).findFirst().orElseThrow();

        AtomicIntegerArray rcodes;
        try (DnsClient client = new DnsClient(port)) {
            FutureTask<AtomicIntegerArray> load = new FutureTask<>(() -> client.ask("lan." + domain, QUERIES, LOAD_DEADLINE));
            new Thread(load, "itest-dns-load").start();
            Await.until("a quarter of the queries answered", () -> client.answered() >= QUERIES / 4);
            try (InputStream patch = Files.newInputStream(jar.jar())) {
                dns.update(patch);
            }
            rcodes = load.get(LOAD_DEADLINE.toSeconds() + 5, TimeUnit.SECONDS);
            assertEquals("the DHCP client's name after the update", NOERROR, client.askOnce("laptop." + domain, Duration.ofSeconds(5)));
        }

        Map<Integer, Integer> byRcode = new TreeMap<>();
        for (int id = 0; id < QUERIES; id++) byRcode.merge(rcodes.get(id), 1, Integer::sum);
        System.out.println("DNS hot patch: " + QUERIES + " queries sent, answers by RCODE (-1: none) " + byRcode);
        assertEquals("answers by RCODE (-1: none)", Map.of(NOERROR, QUERIES), byRcode);
        EndpointStatus after = udpEndpoint(port).orElseThrow();
        assertEquals(EndpointStatus.State.SERVING, after.state());
        assertEquals("dropped during the handover: " + after, before.dropped(), after.dropped());
        assertEquals(Map.of("01:02:03:04:05:06", "laptop"), service(DynamicHostnames.class).registrations());
        assertFalse("the old version ran threads", oldThreads.isEmpty());
        assertEquals("threads of the old DNS bundle still alive", List.of(), BundleThreads.survivors(oldThreads, THREAD_STOP));
    }

    private Optional<EndpointStatus> udpEndpoint(int port) {
        return broker.endpoints().stream().filter(e -> e.protocol() == EndpointStatus.Protocol.UDP && e.port() == port
                && e.state() == EndpointStatus.State.SERVING).findFirst();
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) if (symbolicName.equals(b.getSymbolicName())) return b;
        throw new AssertionError(symbolicName + " is not installed");
    }

    private <T> T service(Class<T> type) {
        return Await.until("a " + type.getSimpleName() + " service", () -> Optional.ofNullable(context.getServiceReference(type)),
                Optional::isPresent).map(context::getService).orElseThrow();
    }
}
