package switchboard.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import switchboard.api.firewall.BanList;
import switchboard.api.network.Cidr;

/** The {@code sb:audit}, {@code sb:bans} and {@code sb:unban} commands of the assembled runtime. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AuditShellIT extends RuntimeTest {

    @Inject
    private CommandProcessor shell;

    @Inject
    private BanList bans;

    @Test
    public void theAuditPrintsEveryCheckWorstFirstWithItsFix() {
        Await.until("every security check", () -> shell("sb:audit").contains("Security: patches in deploy/"));
        String audit = shell("sb:audit");

        assertTrue(audit, audit.startsWith("Security audit: "));
        for (String check : new String[] {"initial admin password", "weak passwords", "console reachable from the WAN",
                "network mode and ping on the WAN", "WAN services", "DNS recursion for the WAN", "SIP rate limiting",
                "TLS certificate", "mail AUTH without TLS", "patches in deploy/"})
            assertTrue(check + " in:\n" + audit, audit.contains("Security: " + check));
        assertTrue(audit, audit.contains("sb:passwd admin"));
        assertTrue("the probe runs only on demand:\n" + audit, !audit.contains("probe from the WAN side"));
        String probe = shell("sb:audit --probe");
        assertTrue(probe, probe.contains("Security: probe from the WAN side"));
    }

    @Test
    public void aBanIsListedAndLiftedFromTheShell() {
        bans.ban(Cidr.parseIpv4("198.19.0.9"), Duration.ofMinutes(15), "7 failed logins");

        String listed = shell("sb:bans");
        assertTrue(listed, listed.contains("198.19.0.9") && listed.contains("7 failed logins"));
        assertEquals("Ban of 198.19.0.9 lifted; its failed logins are forgotten.", shell("sb:unban 198.19.0.9").strip());
        assertEquals("No address is banned.", shell("sb:bans").strip());
        assertTrue(shell("sb:unban 198.19.0.300").startsWith("Nothing changed: "));
    }

    private String shell(String command) {
        return GogoShell.run(shell, command);
    }
}
