package switchboard.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/** The {@code sb:config-history} and {@code sb:config-restore} commands of the assembled runtime. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ConfigHistoryShellIT extends RuntimeTest {
    private static final String PID = "switchboard.itest.record";

    @Inject
    private CommandProcessor shell;

    @Inject
    private BundleContext context;

    @Test
    public void aFileChangedTwiceHasTwoVersionsAndTheFirstComesBack() throws IOException {
        TestHome home = TestHome.of(context);
        home.writeConfig(PID, "colour = red\n");
        Await.until("the first version recorded", () -> shell("sb:config-history " + PID).contains("[colour = red]"));
        home.writeConfig(PID, "colour = blue\n");
        String history = Await.until("the second version recorded", () -> shell("sb:config-history " + PID),
                h -> h.contains("[colour = blue]"));
        assertTrue(history, history.matches("(?s)N +RECORDED +CONTENT\\R1 .*\\[colour = red\\]\\R2 .*\\[colour = blue\\]\\R.*"));

        assertEquals("Version 1 of " + PID + " is back in etc/ and applies within a second.", shell("sb:config-restore " + PID + " 1").strip());
        assertEquals("colour = red\n", Files.readString(home.etc().resolve(PID + ".cfg"), StandardCharsets.UTF_8));
    }

    @Test
    public void wrongArgumentsAreAnsweredWithTheReason() {
        assertTrue(shell("sb:config-history").startsWith("Usage: sb:config-history PID"));
        assertTrue(shell("sb:config-restore " + PID).startsWith("Usage: sb:config-restore PID N"));
        assertEquals("'x' is not a version number; see sb:config-history " + PID, shell("sb:config-restore " + PID + " x").strip());
        assertEquals("no version 99 of " + PID + " (see sb:config-history " + PID + ")", shell("sb:config-restore " + PID + " 99").strip());
        assertEquals("'../etc' is not a configuration PID, e.g. switchboard.dns", shell("sb:config-history ../etc").strip());
        assertEquals("No versions of switchboard.never.written recorded.", shell("sb:config-history switchboard.never.written").strip());
    }

    private String shell(String command) {
        return GogoShell.run(shell, command);
    }
}
