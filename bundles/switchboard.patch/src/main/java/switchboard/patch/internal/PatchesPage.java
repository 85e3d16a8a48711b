package switchboard.patch.internal;

import static org.owasp.encoder.Encode.forHtml;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import switchboard.api.console.ConsolePage;

/**
 * The "Switchboard / Patches" console page: upload a patch jar or name one on this box, roll a bundle back (the
 * verdict lands in the history shown here), write a backup or restore one (archives are paths on this box).
 */
@Component(service = Servlet.class, property = {
        "felix.webconsole.label=switchboard-patches", "felix.webconsole.title=Patches and backups", "felix.webconsole.category=Switchboard"})
public class PatchesPage extends ConsolePage {
    private static final long serialVersionUID = 1L;
    /** A refusal is known at once; a verdict takes the health window, and is then read from the history. */
    private static final long IMMEDIATE_MILLIS = 500;
    private static final Pattern UPLOAD_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*\\.jar");
    private final transient PatchManager manager;
    private final transient BackupCommands backups;

    @Activate
    public PatchesPage(@Reference PatchManager manager, @Reference BackupCommands backups) {
        this.manager = manager;
        this.backups = backups;
    }

    @Override
    protected String act(HttpServletRequest request) {
        String action = String.valueOf(request.getParameter("action"));
        String value = String.valueOf(request.getParameter("value")).strip();
        String message;
        try {
            message = switch (action) {
                case "upload" -> upload(request.getPart("jar"));
                case "patch" -> soon(manager.submit(Path.of(value)), "Patch " + value + " is being applied");
                case "rollback" -> soon(manager.rollback(value), "Rollback of " + value + " under way");
                case "backup" -> backups.backup(value);
                case "restore" -> backups.restore(value);
                default -> "Unknown action.";
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            message = "Interrupted.";
        } catch (IOException | ServletException | RuntimeException e) {
            message = "Failed: " + e.getMessage();
        }
        return message;
    }

    /** An uploaded jar goes through the same checks as a file on the box; the upload is deleted once it is in deploy/ or refused. */
    private String upload(Part part) throws IOException, InterruptedException {
        String name = part == null || part.getSubmittedFileName() == null ? "" : Path.of(part.getSubmittedFileName()).getFileName().toString();
        if (!UPLOAD_NAME.matcher(name).matches()) return "Choose a .jar file to upload.";
        Path dir = Files.createTempDirectory("switchboard-upload");
        Path file = dir.resolve(name);
        try {
            try (InputStream in = part.getInputStream()) {
                Files.copy(in, file);
            }
            return soon(manager.submit(file), "Patch " + name + " is being applied");
        } finally {
            Files.deleteIfExists(file);
            Files.delete(dir);
        }
    }

    private static String soon(CompletableFuture<String> verdict, String pending) throws InterruptedException {
        try {
            return verdict.get(IMMEDIATE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return pending + ": the verdict appears in the history below.";
        } catch (ExecutionException e) {
            return "Failed: " + e.getCause();
        }
    }

    @Override
    protected void render(HttpServletRequest request, HttpServletResponse response, String message) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        PrintWriter out = response.getWriter();
        String token = tokenField(request);
        out.println("<div id='switchboard-patches'>");
        if (message != null) out.println("<p class='statline ui-state-highlight' id='message'>" + forHtml(message) + "</p>");
        manager.configProblem().ifPresent(p -> out.println("<p class='ui-state-error' id='config-problem'>" + forHtml(p) + "</p>"));
        out.println("<p>An updated bundle has " + manager.window().toSeconds() + " s (<code>health.window.seconds</code> of "
                + PatchManager.PID + ") to become active and pass its health checks, or its previous version is put back.</p>");
        out.println("<form method='post' enctype='multipart/form-data' id='form-upload'>" + token
                + "<input type='hidden' name='action' value='upload'><label>Patch jar to upload "
                + "<input type='file' name='jar' accept='.jar'></label> <button type='submit'>Upload and apply</button></form>");
        form(out, token, "patch", "Patch jar on this box", "Apply patch");
        form(out, token, "rollback", "Bundle, e.g. switchboard.dns", "Roll back");
        form(out, token, "backup", "Archive to write", "Write backup");
        form(out, token, "restore", "Archive to restore", "Restore");
        out.println("<h2>History</h2><table class='tablelayout nicetable' id='history'><thead><tr><th>When</th><th>Bundle</th>"
                + "<th>From</th><th>To</th><th>Result</th><th>Detail</th></tr></thead><tbody>");
        List<PatchRecord> history = manager.history();
        for (int i = history.size() - 1; i >= 0; i--) {
            PatchRecord r = history.get(i);
            out.println("<tr>" + cells(r.when().toString(), r.bundle(), r.from(), r.to(), r.result().name(), r.detail()) + "</tr>");
        }
        out.println("</tbody></table></div>");
    }

    private static void form(PrintWriter out, String token, String action, String label, String button) {
        out.println("<form method='post' id='form-" + action + "'>" + token
                + "<input type='hidden' name='action' value='" + action + "'><label>" + forHtml(label)
                + " <input type='text' name='value' size='60'></label> <button type='submit'>" + forHtml(button) + "</button></form>");
    }

    private static String cells(String... values) {
        StringBuilder sb = new StringBuilder();
        for (String v : values) sb.append("<td>").append(forHtml(v)).append("</td>");
        return sb.toString();
    }
}
