package switchboard.core.internal.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static switchboard.core.internal.ConfigMaps.properties;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import switchboard.api.config.ConfigProblem;
import switchboard.api.network.Cidr;
import switchboard.api.network.NetworkListener;
import switchboard.api.network.NetworkModel;
import switchboard.api.network.NetworkSettings;
import switchboard.api.network.WanMode;
import switchboard.core.internal.config.ConfigProblemsImpl;

@Timeout(10)
class NetworkModelImplTest {
    private static final Optional<Cidr> LEASE = Optional.of(Cidr.parse("198.51.100.7/24"));
    private static final Optional<Inet4Address> LEASE_GATEWAY = Optional.of(Cidr.parseIpv4("198.51.100.1"));

    private final ConfigProblemsImpl problems = new ConfigProblemsImpl();
    private NetworkModelImpl model;

    /** Records every notification; {@link #next()} waits a bounded time for one. */
    private static final class Recorder implements NetworkListener {
        final BlockingQueue<NetworkSettings> received = new LinkedBlockingQueue<>();

        @Override
        public void networkChanged(NetworkSettings settings) {
            received.add(settings);
        }

        NetworkSettings next() throws InterruptedException {
            NetworkSettings s = received.poll(5, TimeUnit.SECONDS);
            assertNotNull(s, "no notification within 5 s");
            return s;
        }
    }

    private NetworkModelImpl start(Map<String, Object> properties) {
        model = new NetworkModelImpl(problems, properties);
        return model;
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (model != null) model.deactivate();
    }

    private ConfigProblem onlyProblem() {
        List<ConfigProblem> current = problems.current();
        assertEquals(1, current.size(), current.toString());
        assertEquals(NetworkModel.PID, current.get(0).pid());
        return current.get(0);
    }

    @Test
    void publishesItsConfiguration() {
        NetworkSettings s = start(properties("lan.address", "10.0.0.1/24", "domain", "example.com")).current();
        assertEquals(Cidr.parse("10.0.0.1/24"), s.lanAddress());
        assertEquals("example.com", s.domain());
        assertTrue(s.revision() > 0);
        assertTrue(problems.current().isEmpty());
    }

    @Test
    void refusedChangeKeepsThePreviousSettingsAndIsReported() {
        start(properties("lan.address", "10.0.0.1/24"));
        NetworkSettings before = model.current();

        model.modified(properties("lan.address", "10.9.9.9/24", "mode", "bridge"));

        assertSame(before, model.current(), "nothing of the refused configuration applies");
        assertEquals("mode", onlyProblem().key());
    }

    @Test
    void acceptedChangeClearsTheProblem() {
        start(properties());
        model.modified(properties("domain", "no_underscores.lan"));
        assertEquals("domain", onlyProblem().key());
        long revision = model.current().revision();

        model.modified(properties("domain", "fixed.lan"));

        assertTrue(problems.current().isEmpty());
        assertEquals("fixed.lan", model.current().domain());
        assertTrue(model.current().revision() > revision);
    }

    @Test
    void invalidConfigurationAtStartRunsOnTheDefaults() {
        start(properties("wan.address", "not-an-address"));
        NetworkSettings s = model.current();
        assertNotNull(s);
        assertEquals(NetworkConfig.defaults().lanAddress(), s.lanAddress());
        assertEquals(Optional.empty(), s.wanAddress());
        assertEquals("wan.address", onlyProblem().key());
    }

    @Test
    void learntWanIsIgnoredInStaticMode() {
        start(properties("wan.address", "203.0.113.10/24", "wan.gateway", "203.0.113.1"));
        NetworkSettings before = model.current();

        model.learnWan(LEASE, LEASE_GATEWAY);

        assertSame(before, model.current());
        assertEquals(Optional.of(Cidr.parse("203.0.113.10/24")), model.current().wanAddress());
    }

    @Test
    void learntWanIsPublishedInDhcpMode() {
        start(properties("wan.mode", "dhcp"));
        NetworkSettings before = model.current();
        assertEquals(Optional.empty(), before.wanAddress());

        model.learnWan(LEASE, LEASE_GATEWAY);

        NetworkSettings after = model.current();
        assertEquals(LEASE, after.wanAddress());
        assertEquals(LEASE_GATEWAY, after.wanGateway());
        assertTrue(after.revision() > before.revision());

        model.learnWan(Optional.empty(), Optional.empty());
        assertEquals(Optional.empty(), model.current().wanAddress());
        assertEquals(Optional.empty(), model.current().wanGateway());
    }

    @Test
    void switchingToStaticModeShowsTheConfiguredAddressInsteadOfTheLease() {
        start(properties("wan.mode", "dhcp", "wan.address", "203.0.113.10/24"));
        model.learnWan(LEASE, LEASE_GATEWAY);
        assertEquals(LEASE, model.current().wanAddress());

        model.modified(properties("wan.mode", "static", "wan.address", "203.0.113.10/24"));

        assertEquals(WanMode.STATIC, model.current().wanMode());
        assertEquals(Optional.of(Cidr.parse("203.0.113.10/24")), model.current().wanAddress());
    }

    @Test
    void listenersGetTheCurrentSettingsThenEveryChangeInOrder() throws Exception {
        start(properties());
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        model.addListener(first);
        model.addListener(second);
        List<String> domains = List.of("one.lan", "two.lan", "three.lan");
        for (String domain : domains) model.modified(properties("domain", domain));

        for (Recorder recorder : List.of(first, second)) {
            assertEquals(NetworkConfig.DEFAULT_DOMAIN, recorder.next().domain());
            List<String> seen = new ArrayList<>();
            long lastRevision = 0;
            for (int i = 0; i < domains.size(); i++) {
                NetworkSettings s = recorder.next();
                assertTrue(s.revision() > lastRevision, "revisions grow");
                lastRevision = s.revision();
                seen.add(s.domain());
            }
            assertEquals(domains, seen);
            assertEquals(model.current().revision(), lastRevision);
        }
    }

    @Test
    void removedListenerIsNoLongerNotified() throws Exception {
        start(properties());
        Recorder removed = new Recorder();
        Recorder remaining = new Recorder();
        model.addListener(removed);
        model.addListener(remaining);
        removed.next();
        remaining.next();

        model.removeListener(removed);
        model.modified(properties("domain", "after.lan"));

        assertEquals("after.lan", remaining.next().domain());
        // one notification thread, in order: had the removed listener been called, it would be by now
        assertNull(removed.received.poll());
    }
}
