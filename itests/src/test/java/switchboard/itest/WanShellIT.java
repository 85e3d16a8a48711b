package switchboard.itest;

import static org.junit.Assert.assertTrue;

import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * {@code wan:status} of the assembled runtime as the network settings change (a dry run: no WAN interface is
 * configured, so none is touched), and PPPoE refused with a message that says so.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WanShellIT extends RuntimeTest {

    @Inject
    private CommandProcessor shell;

    @Test
    public void aStaticWanIsShownWithItsAddressAndGatewayAndDnsNeverFromTheIsp() {
        home().writeConfig("switchboard.network", "wan.mode = static\nwan.address = 203.0.113.10/24\nwan.gateway = 203.0.113.1\n"
                + "wan.dns = 192.0.2.53\n");

        Await.until("the static address in wan:status", () -> shell("wan:status").contains("203.0.113.10/24"));
        String status = shell("wan:status");
        assertTrue(status, status.matches("(?s)mode\\s+static\n.*gateway\\s+203\\.0\\.113\\.1\n.*"));
        assertTrue(status, status.contains("192.0.2.53 (wan.dns; never taken from the ISP)"));
    }

    @Test
    public void dhcpModeWithoutAWanInterfaceSaysWhyTheClientIsOff() {
        home().writeConfig("switchboard.network", "wan.mode = dhcp\n");

        Await.until("DHCP mode in wan:status", () -> shell("wan:status").contains("mode         dhcp"));
        String status = shell("wan:status");
        assertTrue(status, status.contains("DHCP client  off: no WAN interface"));
        assertTrue(status, status.contains("address      none"));
    }

    @Test
    public void pppoeIsRefusedSayingItIsNotSupported() {
        home().writeConfig("switchboard.network", "wan.mode = pppoe\n");

        Await.until("the refusal in sb:status", () -> shell("sb:status").contains("PPPoE is not supported"));
    }

    private String shell(String command) {
        return GogoShell.run(shell, command);
    }
}
