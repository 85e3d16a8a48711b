package switchboard.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Switchboard console page's form, posted as a person's browser would: with the page's form token. */
final class ConsoleForm {
    private static final Pattern TOKEN = Pattern.compile("name='csrf' value='([0-9a-f]+)'");
    private static final Pattern MESSAGE = Pattern.compile("id='message'>([^<]*)<");

    private ConsoleForm() {}

    /** GETs the page (must answer 200) and returns its HTML. */
    static String html(ConsoleHttp http, String path, String user, String password) {
        HttpResponse<String> page = http.get(path, user, password);
        assertEquals(200, page.statusCode(), page.body());
        return page.body();
    }

    /** Posts {@code fields} with the token of the page as just served; returns the page's message, HTML entities decoded. */
    static String post(ConsoleHttp http, String path, String user, String password, Map<String, String> fields) {
        Map<String, String> form = new HashMap<>(fields);
        form.put("csrf", token(http, path, user, password));
        HttpResponse<String> answer = http.postForm(path, user, password, form);
        assertEquals(200, answer.statusCode(), answer.body());
        return message(answer.body());
    }

    /** The form token of the page as just served. */
    static String token(ConsoleHttp http, String path, String user, String password) {
        Matcher token = TOKEN.matcher(html(http, path, user, password));
        assertTrue(token.find(), "the page's forms carry a token");
        return token.group(1);
    }

    /** The message a page shows after a POST. */
    static String message(String html) {
        Matcher message = MESSAGE.matcher(html);
        assertTrue(message.find(), html);
        return text(message.group(1));
    }

    /** Text as the page encoded it, decoded again. */
    static String text(String html) {
        return html.replace("&#39;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
