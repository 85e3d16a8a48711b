package switchboard.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static switchboard.systemtests.ConsoleHttp.STATUS_PAGE;
import static switchboard.systemtests.RunningSwitchboard.ADMIN;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The console of a fresh installation: no way in without the generated password, and guessing is throttled. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SecurityDefaultsTest {
    private static final int FREE_FAILURES = 5;
    private static final Pattern FORM_TOKEN = Pattern.compile("name='csrf' value='([0-9a-f]+)'");

    @RegisterExtension
    final Switchboards switchboards = new Switchboards();

    @Test
    void consoleRefusesAnonymousRequestsAndTheWellKnownDefaultPassword() {
        ConsoleHttp http = switchboards.start(switchboards.newHome()).http();

        HttpResponse<String> anonymous = http.get(STATUS_PAGE);
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic "),
                "asks for HTTP Basic: " + anonymous.headers().map());
        assertEquals(401, http.get(STATUS_PAGE, ADMIN, "admin").statusCode(), "admin/admin must not open the console");
    }

    @Test
    void generatedPasswordIsPrintedOnceKeptInTheHomeAndOpensTheConsole() {
        RunningSwitchboard switchboard = switchboards.start(switchboards.newHome());
        String password = switchboard.initialAdminPassword();

        assertEquals(password, switchboard.printedAdminPassword().orElseThrow(), "the first start prints the password from the file");
        assertTrue(password.length() >= 16, "a generated password of at least 16 characters: " + password.length());
        HttpResponse<String> page = switchboard.http().get(STATUS_PAGE, ADMIN, password);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("id='switchboard-status'"), page.body());
    }

    @Test
    void passwordFormRefusesPostsWithoutItsTokenOrFromAnotherSite() {
        RunningSwitchboard switchboard = switchboards.start(switchboards.newHome());
        ConsoleHttp http = switchboard.http();
        String password = switchboard.initialAdminPassword();
        Matcher token = FORM_TOKEN.matcher(http.get(STATUS_PAGE, ADMIN, password).body());
        assertTrue(token.find(), "the password form carries a token");
        String newPassword = "Chosen-by-another-site-7";

        HttpResponse<String> withoutToken = http.postForm(STATUS_PAGE, ADMIN, password, Map.of("password", newPassword, "repeat", newPassword));
        HttpResponse<String> fromAnotherSite = http.postForm(STATUS_PAGE, ADMIN, password,
                Map.of("csrf", token.group(1), "password", newPassword, "repeat", newPassword), "Origin", "http://attacker.invalid");

        assertEquals(403, withoutToken.statusCode(), withoutToken.body());
        assertEquals(403, fromAnotherSite.statusCode(), fromAnotherSite.body());
        assertEquals(200, http.get(STATUS_PAGE, ADMIN, password).statusCode(), "the password is unchanged");
        assertTrue(Files.exists(switchboard.home().initialAdminPasswordFile()));
    }

    @Test
    void repeatedWrongPasswordsThrottleTheAddressEvenForTheRightOne() {
        RunningSwitchboard switchboard = switchboards.start(switchboards.newHome());
        ConsoleHttp http = switchboard.http();

        for (int attempt = 1; attempt <= FREE_FAILURES; attempt++)
            assertEquals(401, http.get(STATUS_PAGE, ADMIN, "wrong-guess-" + attempt).statusCode(), "wrong password #" + attempt);
        HttpResponse<String> next = http.get(STATUS_PAGE, ADMIN, switchboard.initialAdminPassword());
        assertEquals(429, next.statusCode(), "the attempt after " + FREE_FAILURES + " failures is throttled: " + next.body());
    }
}
