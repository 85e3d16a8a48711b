package switchboard.systemtests;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.openqa.selenium.json.Json;

/** The security checks as a monitoring system reads them: {@code /system/health?tags=...} as JSON, by check name. */
final class SecurityAudit {
    static final Duration WITHIN = Duration.ofSeconds(40);

    /** One check's outcome: OK, WARN, CRITICAL ... and its messages. */
    record Check(String name, String status, List<String> messages) {
        boolean says(String text) {
            return messages.stream().anyMatch(m -> m.contains(text));
        }
    }

    /** Fetches a path of the console's server: the body, or empty while the health servlet is not there yet. */
    private final Function<String, Optional<String>> get;

    SecurityAudit(Function<String, Optional<String>> get) {
        this.get = get;
    }

    /** Over HTTP from this machine, to a Switchboard on 127.0.0.1. */
    SecurityAudit(ConsoleHttp http) {
        this(path -> {
            HttpResponse<String> response = http.get(path);
            return response.statusCode() == 404 ? Optional.empty() : Optional.of(response.body());
        });
    }

    @SuppressWarnings("unchecked")
    Optional<Check> check(String name, String tags) {
        Optional<String> body = get.apply("/system/health?tags=" + tags);
        if (body.isEmpty() || !body.get().startsWith("{")) return Optional.empty();
        Map<String, Object> health = new Json().toType(body.get(), Json.MAP_TYPE);
        for (Object r : (List<Object>) health.getOrDefault("results", List.of())) {
            Map<String, Object> result = (Map<String, Object>) r;
            if (!name.equals(result.get("name"))) continue;
            List<String> messages = ((List<Object>) result.get("messages")).stream()
                    .map(m -> ((Map<String, Object>) m).get("status") + " " + ((Map<String, Object>) m).get("message")).toList();
            return Optional.of(new Check(name, (String) result.get("status"), messages));
        }
        return Optional.empty();
    }

    /** Waits until the check reports {@code status} with a message containing {@code text}; returns it. */
    Check await(String name, String status, String text) {
        return await(name, "security", status, c -> c.says(text));
    }

    Check await(String name, String tags, String status, Predicate<Check> message) {
        Check[] last = new Check[1];
        try {
            return Poll.until(WITHIN, "check '" + name + "' to be " + status, () -> check(name, tags).map(c -> last[0] = c)
                    .filter(c -> c.status().equals(status) && message.test(c)));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; last seen: " + last[0], e);
        }
    }

    Check await(String name, String status) {
        return await(name, "security", status, c -> true);
    }
}
