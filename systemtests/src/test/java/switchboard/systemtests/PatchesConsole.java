package switchboard.systemtests;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The console's "Patches and backups" page, used as the admin: its forms and its patch history. */
final class PatchesConsole {
    static final String PATH = "/system/console/switchboard-patches";
    private static final Pattern HISTORY = Pattern.compile("id='history'>.*?<tbody>(.*?)</tbody>", Pattern.DOTALL);
    private static final Pattern ROW = Pattern.compile("<tr><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td></tr>");

    /** One history row. */
    record Entry(String bundle, String from, String to, String result, String detail) {}

    private final ConsoleHttp http;
    private final int port;
    private final String password;

    PatchesConsole(RunningSwitchboard switchboard, String password) {
        this.http = switchboard.http();
        this.port = switchboard.port();
        this.password = password;
    }

    /** Uploads a patch jar with curl, as the page's upload form does in a browser; returns the page's message. */
    String upload(Path jar) {
        String token = ConsoleForm.token(http, PATH, RunningSwitchboard.ADMIN, password);
        return ConsoleForm.message(ClientCommand.succeed(List.of("curl", "-sS", "--max-time", "20", "-u", RunningSwitchboard.ADMIN + ":" + password,
                "-F", "csrf=" + token, "-F", "action=upload", "-F", "jar=@" + jar, "http://127.0.0.1:" + port + PATH)));
    }

    /** Submits a form (patch, rollback, backup, restore) with its value; returns the page's message. */
    String submit(String action, String value) {
        return ConsoleForm.post(http, PATH, RunningSwitchboard.ADMIN, password, Map.of("action", action, "value", value));
    }

    /** The history, newest first. */
    List<Entry> history() {
        Matcher table = HISTORY.matcher(ConsoleForm.html(http, PATH, RunningSwitchboard.ADMIN, password));
        List<Entry> entries = new ArrayList<>();
        if (!table.find()) return entries;
        Matcher row = ROW.matcher(table.group(1));
        while (row.find()) entries.add(new Entry(row.group(2), row.group(3), row.group(4), row.group(5), ConsoleForm.text(row.group(6))));
        return entries;
    }
}
