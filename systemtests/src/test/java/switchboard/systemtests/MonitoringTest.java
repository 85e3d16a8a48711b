package switchboard.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.json.Json;

/** What a monitoring system reads without logging in: Prometheus metrics and the health checks as JSON. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class MonitoringTest {
    private static final List<String> COUNTERS = List.of(
            "switchboard_endpoint_handled_total", "switchboard_endpoint_queued_total", "switchboard_endpoint_dropped_total");
    /** A sample line of the text exposition format: name, optional labels, a number. */
    private static final Pattern SAMPLE = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[^}]*\\})? -?[0-9.eE+-]+|NaN");

    @RegisterExtension
    final Switchboards switchboards = new Switchboards();

    @Test
    void metricsAreInThePrometheusTextFormat() {
        HttpResponse<String> response = switchboards.start(switchboards.newHome()).http().get("/metrics");

        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
                "Prometheus text content type: " + response.headers().map());
        String body = response.body();
        for (String counter : COUNTERS) {
            assertTrue(body.contains("# HELP " + counter + " "), counter + " has HELP:\n" + body);
            assertTrue(body.contains("# TYPE " + counter + " counter\n"), counter + " has TYPE counter:\n" + body);
        }
        assertTrue(body.contains("# TYPE switchboard_config_problems gauge\nswitchboard_config_problems 0\n"), body);
        body.lines().filter(line -> !line.startsWith("# "))
                .forEach(line -> assertTrue(SAMPLE.matcher(line).matches(), "not a sample line: '" + line + "'"));
    }

    @Test
    void healthChecksAnswerAsJsonWithAnOverallResult() {
        SwitchboardHome home = switchboards.newHome();
        // an upstream for the DNS forwarder, as an installed office has; no query is sent in this test
        home.writeConfig(SwitchboardHome.NETWORK_PID, "wan.dns = 192.0.2.53\n");
        RunningSwitchboard switchboard = switchboards.start(home);
        // the health servlet is registered once its configuration from etc/ is read, which may follow the console by a moment
        Poll.until(Duration.ofSeconds(10), "the health servlet", () -> switchboard.http().get("/system/health?tags=switchboard").statusCode() != 404);
        HttpResponse<String> response = switchboard.http().get("/system/health?tags=switchboard");

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), response.headers().map().toString());
        Map<String, Object> health = new Json().toType(response.body(), Json.MAP_TYPE);
        assertEquals("OK", health.get("overallResult"), response.body());
        List<?> results = (List<?>) health.get("results");
        assertFalse(results.isEmpty(), "Switchboard's own checks ran: " + response.body());
        for (Object result : results)
            assertTrue(((List<?>) ((Map<?, ?>) result).get("tags")).contains("switchboard"), "only checks tagged switchboard: " + result);
    }
}
