package switchboard.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;

@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RuntimeBootIT extends RuntimeTest {
    /** Locations of what Pax Exam adds to run the tests: its bundles (links) and the test probe. */
    private static final String HARNESS_LINK = "link:classpath:";
    private static final String HARNESS_PROBE = "local";
    private static final String API_BUNDLE = "switchboard.api";

    @Test
    public void everyDistributionBundleIsInstalledAndNothingElseButTheTestHarness() {
        Map<String, Bundle> byLocation = Arrays.stream(context.getBundles())
                .collect(Collectors.toMap(Bundle::getLocation, Function.identity()));
        List<DistributionBundle> distribution = DistributionBundle.all();
        for (DistributionBundle expected : distribution) {
            Bundle installed = byLocation.remove(expected.location());
            assertTrue(expected.jar() + " is not installed", installed != null);
            assertEquals(expected.symbolicName(), installed.getSymbolicName());
            assertEquals(expected.version(), installed.getVersion());
        }
        byLocation.remove(Constants.SYSTEM_BUNDLE_LOCATION);
        byLocation.keySet().removeIf(location -> location.startsWith(HARNESS_LINK) || location.equals(HARNESS_PROBE));
        assertEquals("bundles that are neither the distribution's nor the test harness'", Map.of(), byLocation);
    }

    @Test
    public void everyBundleIsActive() {
        List<String> inactive = new ArrayList<>();
        for (Bundle b : context.getBundles())
            if (b.getState() != Bundle.ACTIVE && b.getHeaders().get(Constants.FRAGMENT_HOST) == null)
                inactive.add(b.getSymbolicName() + " " + b.getVersion() + " in state " + b.getState());
        assertEquals("bundles not active", List.of(), inactive);
    }

    @Test
    public void onlyTheApiExportsPackagesAmongSwitchboardBundles() {
        List<String> exporting = new ArrayList<>();
        for (Bundle b : context.getBundles())
            if (b.getSymbolicName().startsWith("switchboard.") && !b.getSymbolicName().equals(API_BUNDLE)
                    && b.getHeaders().get(Constants.EXPORT_PACKAGE) != null)
                exporting.add(b.getSymbolicName() + ": " + b.getHeaders().get(Constants.EXPORT_PACKAGE));
        assertEquals("an update of an exporting bundle would refresh its importers", List.of(), exporting);
    }

    @Test
    public void theWebConsoleListensOnTheConfiguredPortAndAsksForALogin() throws IOException {
        URI console = URI.create("http://" + HTTP_HOST + ":" + context.getProperty(HTTP_PORT_PROPERTY) + "/system/console/bundles");
        int status = Await.until("the web console answers at " + console, () -> statusOf(console), s -> s != 404);
        assertEquals("anonymous request to " + console, HttpURLConnection.HTTP_UNAUTHORIZED, status);
    }

    private static int statusOf(URI uri) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(2000);
            connection.setReadTimeout(5000);
            try {
                return connection.getResponseCode();
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return -1;
        }
    }
}
