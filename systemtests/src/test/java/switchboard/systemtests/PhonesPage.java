package switchboard.systemtests;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static switchboard.systemtests.RunningSwitchboard.ADMIN;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The console's Phones page, read and posted to as the admin. */
final class PhonesPage {
    static final String PATH = "/system/console/phones";
    private static final Pattern REGISTRATIONS = Pattern.compile("id='registrations'>.*?<tbody>(.*?)</tbody>", Pattern.DOTALL);
    private static final Pattern ROW = Pattern.compile("<tr><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td>");

    /** One row of the registrations table. */
    record Row(String aor, String contact, long expiresIn) {}

    private final RunningSwitchboard switchboard;
    private final String password;

    PhonesPage(RunningSwitchboard switchboard) {
        this.switchboard = switchboard;
        this.password = switchboard.initialAdminPassword();
    }

    String html() {
        return ConsoleForm.html(switchboard.http(), PATH, ADMIN, password);
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
        return ConsoleForm.post(switchboard.http(), PATH, ADMIN, password, fields);
    }

    /** Adds an extension user: a login password, which the phone uses too. */
    void addExtension(String user, String extension, String password) {
        String message = post(Map.of("action", "add", "kind", "user", "user", user, "extension", extension, "password", password));
        assertTrue(message.contains("Extension user " + user + " created"), message);
    }

    /** Adds a phone-only extension: a SIP secret and no login. */
    void addPhone(String user, String extension, String sipSecret) {
        String message = post(Map.of("action", "add", "kind", "phone", "user", user, "extension", extension, "password", sipSecret));
        assertTrue(message.contains("Phone " + user + " created"), message);
    }
}
