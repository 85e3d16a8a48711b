package switchboard.mail.internal.admin;

import static org.owasp.encoder.Encode.forHtml;
import static org.owasp.encoder.Encode.forHtmlAttribute;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import switchboard.api.console.ConsolePage;
import switchboard.mail.internal.MailServer;
import switchboard.mail.internal.MailSettings;
import switchboard.mail.internal.fetch.FetchStatus;
import switchboard.mail.internal.fetch.MailFetcher;
import switchboard.mail.internal.maildir.MailStore;
import switchboard.mail.internal.queue.QueueEntry;

/** The "Switchboard / Mail" console page: mailboxes, queue (flush, delete), aliases, relay settings, fetch accounts (fetch now). */
@Component(service = Servlet.class, property = {
        "felix.webconsole.label=switchboard-mail", "felix.webconsole.title=Mail", "felix.webconsole.category=Switchboard"})
public class MailPage extends ConsolePage {
    private static final long serialVersionUID = 1L;
    private final transient MailServer mail;
    private final transient MailFetcher fetcher;

    @Activate
    public MailPage(@Reference MailServer mail, @Reference MailFetcher fetcher) {
        this.mail = mail;
        this.fetcher = fetcher;
    }

    @Override
    protected String act(HttpServletRequest request) throws IOException {
        String delete = request.getParameter("delete");
        String message;
        if (delete != null) message = mail.queue().delete(delete) ? "Deleted " + delete + " from the queue." : "No queued message " + delete + ".";
        else if (request.getParameter("fetch") != null) message = "Fetching " + fetcher.fetchNow() + " accounts.";
        else {
            mail.flushQueue();
            message = "Delivery of the queue started.";
        }
        return message;
    }

    @Override
    protected void render(HttpServletRequest request, HttpServletResponse response, String message) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        PrintWriter out = response.getWriter();
        String token = tokenField(request);
        out.println("<div id='switchboard-mail'>");
        if (message != null) out.println("<p class='statline ui-state-highlight' id='message'>" + forHtml(message) + "</p>");
        MailSettings s = mail.settings();
        MailServer.Stats stats = mail.stats();
        out.println("<h2>Settings</h2><table class='tablelayout nicetable' id='settings'><tbody>");
        out.println(row("Listening on", s.address() + " SMTP " + s.smtpPort() + ", submission " + off(s.submissionPort())
                + ", SMTPS " + off(s.smtpsPort()) + ", POP3 " + off(s.pop3Port()) + ", POP3S " + off(s.pop3sPort())));
        out.println(row("Relay for other domains", s.relayFromWan() ? "anyone, including the WAN (open relay!)" : "LAN, loopback and authenticated users"));
        out.println(row("Size limit", s.maxSize() + " bytes, " + s.maxRecipients() + " recipients"));
        out.println(row("Since start", stats.accepted() + " accepted, " + stats.delivered() + " mailbox copies, " + stats.sent() + " sent, "
                + stats.bounced() + " bounced"));
        out.println("</tbody></table>");
        out.println("<h2>Mailboxes</h2><table class='tablelayout nicetable' id='mailboxes'><thead><tr><th>User</th><th>Messages</th><th>Bytes</th></tr></thead><tbody>");
        for (MailStore.Usage u : mail.store().usage()) out.println(row(u.user(), String.valueOf(u.messages()), String.valueOf(u.bytes())));
        out.println("</tbody></table>");
        out.println("<h2>Aliases</h2><table class='tablelayout nicetable' id='aliases'><thead><tr><th>Alias</th><th>Members</th></tr></thead><tbody>");
        for (Map.Entry<String, List<String>> a : mail.aliases().definitions().entrySet()) out.println(row(a.getKey(), String.join(" ", a.getValue())));
        out.println("</tbody></table>");
        out.println("<h2>Fetched from the provider</h2><form method='post' id='fetch'>" + token
                + "<input type='hidden' name='fetch' value='now'><button type='submit'>Fetch now</button></form>");
        out.println("<table class='tablelayout nicetable' id='fetch-accounts'><thead><tr><th>Provider mailbox</th><th>Into</th><th>Last run</th>"
                + "<th>Result</th><th>Fetched</th><th>Delivered</th><th>Next run</th></tr></thead><tbody>");
        for (FetchStatus f : fetcher.statuses())
            out.println(row(f.account(), (f.catchAll() ? "catch-all: addressed users, else admin" : f.user()) + (f.keep() ? ", kept on the server" : ""),
                    FetchStatusCommand.time(f.lastRun()) + (f.running() ? " (running)" : ""), f.result(), String.valueOf(f.downloaded()),
                    String.valueOf(f.copies()), FetchStatusCommand.time(f.nextRun()) + (f.failures() > 0 ? " (after " + f.failures() + " failed attempts)" : "")));
        out.println("</tbody></table>");
        out.println("<h2>Outbound queue</h2><form method='post' id='flush'>" + token + "<button type='submit'>Deliver now</button></form>");
        out.println("<table class='tablelayout nicetable' id='queue'><thead><tr><th>Id</th><th>From</th><th>To</th><th>Attempts</th><th>Next</th><th>Last error</th><th></th></tr></thead><tbody>");
        for (QueueEntry e : mail.queue().entries())
            out.println("<tr>" + cells(e.id(), e.sender(), String.join(", ", e.recipients()), String.valueOf(e.attempts()),
                    e.nextAttempt().toString(), e.lastError()) + "<td><form method='post'>" + token
                    + "<input type='hidden' name='delete' value='" + forHtmlAttribute(e.id()) + "'><button type='submit'>Delete</button></form></td></tr>");
        out.println("</tbody></table></div>");
    }

    private static String off(int port) {
        return port == 0 ? "off" : String.valueOf(port);
    }

    private static String row(String... cells) {
        return "<tr>" + cells(cells) + "</tr>";
    }

    private static String cells(String... cells) {
        StringBuilder sb = new StringBuilder();
        for (String c : cells) sb.append("<td>").append(forHtml(c)).append("</td>");
        return sb.toString();
    }
}
