package switchboard.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static switchboard.systemtests.RunningSwitchboard.ADMIN;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The console's Phones page, read and posted to as the admin. */
final class PhonesPage {
    static final String PATH = "/system/console/phones";
    private static final Pattern TOKEN = Pattern.compile("name='csrf' value='([0-9a-f]+)'");
    private static final Pattern REGISTRATIONS = Pattern.compile("id='registrations'>.*?<tbody>(.*?)</tbody>", Pattern.DOTALL);
    private static final Pattern ROW = Pattern.compile("<tr><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td>");
    private static final Pattern MESSAGE = Pattern.compile("id='message'>([^<]*)<");

    /** One row of the registrations table. */
    record Row(String aor, String contact, long expiresIn) {}

    private final RunningSwitchboard switchboard;
    private final String password;

    PhonesPage(RunningSwitchboard switchboard) {
        this.switchboard = switchboard;
        this.password = switchboard.initialAdminPassword();
    }

    String html() {
        HttpResponse<String> page = switchboard.http().get(PATH, ADMIN, password);
        assertEquals(200, page.statusCode(), page.body());
        return page.body();
    }

    List<Row> registrations() {
        Matcher table = REGISTRATIONS.matcher(html());
        assertTrue(table.find(), "the page has a registrations table");
        List<Row> rows = new ArrayList<>();
        Matcher row = ROW.matcher(table.group(1));
        while (row.find()) rows.add(new Row(row.group(1), row.group(2), Long.parseLong(row.group(3))));
        return rows;
    }

    /** Posts one of the page's forms with its token; returns the page's message. */
    String post(Map<String, String> fields) {
        Matcher token = TOKEN.matcher(html());
        assertTrue(token.find(), "the page's forms carry a token");
        Map<String, String> form = new HashMap<>(fields);
        form.put("csrf", token.group(1));
        HttpResponse<String> answer = switchboard.http().postForm(PATH, ADMIN, password, form);
        assertEquals(200, answer.statusCode(), answer.body());
        Matcher message = MESSAGE.matcher(answer.body());
        assertTrue(message.find(), answer.body());
        return message.group(1);
    }

    void addExtension(String user, String extension, String sipPassword) {
        String message = post(Map.of("action", "add", "user", user, "extension", extension, "password", sipPassword));
        assertTrue(message.contains("created"), message);
    }
}
