package switchboard.core.internal.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import switchboard.api.broker.EndpointStatus;
import switchboard.api.broker.EndpointStatus.Protocol;
import switchboard.api.broker.EndpointStatus.State;

/** {@link MetricsServlet#render} against the Prometheus text exposition format (version 0.0.4). */
@Timeout(5)
class MetricsRenderTest {
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (-?[0-9]+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");
    private static final Pattern COMMENT = Pattern.compile("# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.+)");

    private static final List<EndpointStatus> ENDPOINTS = List.of(
            new EndpointStatus("dns", Protocol.UDP, "127.0.0.1", 1053, State.SERVING, "", 120, 7, 2),
            new EndpointStatus("smtp", Protocol.TCP, "0.0.0.0", 2525, State.WAITING, "", 30, 4, 0),
            new EndpointStatus("sip \"lab\" \\ 2\nnew", Protocol.UDP, "127.0.0.1", 5060, State.FAILED, "port taken", 0, 0, 0));

    private record Sample(String metric, Map<String, String> labels, long value) {}

    /** The samples, after checking that every line is a sample or a HELP/TYPE line naming the metric before it. */
    private static List<Sample> parse(String text) {
        assertTrue(text.endsWith("\n"));
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        List<String> helped = new ArrayList<>();
        for (String line : text.split("\n")) {
            Matcher comment = COMMENT.matcher(line);
            if (comment.matches()) {
                if (comment.group(1).equals("TYPE")) types.put(comment.group(2), comment.group(3));
                else helped.add(comment.group(2));
                continue;
            }
            Matcher sample = SAMPLE.matcher(line);
            assertTrue(sample.matches(), "not a sample line: " + line);
            String metric = sample.group(1);
            assertTrue(helped.contains(metric) && types.containsKey(metric), "HELP and TYPE precede " + metric);
            samples.add(new Sample(metric, labels(sample.group(3)), Long.parseLong(sample.group(4))));
        }
        types.forEach((metric, type) -> assertEquals(metric.endsWith("_total") ? "counter" : "gauge", type, metric));
        return samples;
    }

    private static Map<String, String> labels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (text == null) return labels;
        Matcher m = LABEL.matcher(text);
        int end = 0;
        while (m.find() && m.start() == end) {
            labels.put(m.group(1), unescape(m.group(2)));
            end = m.end();
        }
        assertEquals(text.length(), end, "malformed labels: " + text);
        return labels;
    }

    private static String unescape(String s) {
        return s.replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
    }

    private static long value(List<Sample> samples, String metric, EndpointStatus e) {
        Map<String, String> expected = Map.of("name", e.name(), "protocol", e.protocol().name().toLowerCase(),
                "address", e.address(), "port", String.valueOf(e.port()));
        List<Sample> found = samples.stream().filter(s -> s.metric().equals(metric) && s.labels().equals(expected)).toList();
        assertEquals(1, found.size(), metric + " for " + e.name());
        return found.get(0).value();
    }

    @Test
    void everyEndpointHasItsCounters() {
        List<Sample> samples = parse(MetricsServlet.render(ENDPOINTS, 0));
        for (EndpointStatus e : ENDPOINTS) {
            assertEquals(e.handled(), value(samples, "switchboard_endpoint_handled_total", e));
            assertEquals(e.queued(), value(samples, "switchboard_endpoint_queued_total", e));
            assertEquals(e.dropped(), value(samples, "switchboard_endpoint_dropped_total", e));
        }
    }

    @Test
    void onlyAServingEndpointIsUp() {
        List<Sample> samples = parse(MetricsServlet.render(ENDPOINTS, 0));
        for (EndpointStatus e : ENDPOINTS)
            assertEquals(e.state() == State.SERVING ? 1 : 0, value(samples, "switchboard_endpoint_up", e), e.name());
    }

    @Test
    void countsConfigurationProblems() {
        for (int problems : new int[] {0, 3}) {
            List<Sample> samples = parse(MetricsServlet.render(List.of(), problems)).stream()
                    .filter(s -> s.metric().equals("switchboard_config_problems")).toList();
            assertEquals(List.of(new Sample("switchboard_config_problems", Map.of(), problems)), samples);
        }
    }

    @Test
    void withoutEndpointsOnlyTheProblemGaugeHasASample() {
        List<Sample> samples = parse(MetricsServlet.render(List.of(), 0));
        assertEquals(List.of("switchboard_config_problems"), samples.stream().map(Sample::metric).toList());
    }
}
