package switchboard.core.internal.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import switchboard.api.accounts.Account;
import switchboard.api.accounts.ImportReport;
import switchboard.api.accounts.UserDirectory;
import switchboard.core.internal.status.StatusSnapshot;
import switchboard.core.internal.status.StatusText;
import switchboard.core.internal.status.TextTable;

/** The {@code sb:} shell commands. */
@Component(service = SwitchboardCommands.class, property = {
        "osgi.command.scope=sb", "osgi.command.function=status", "osgi.command.function=passwd",
        "osgi.command.function=users", "osgi.command.function=useradd", "osgi.command.function=userdel",
        "osgi.command.function=import"})
public class SwitchboardCommands {
    private final StatusSnapshot status;
    private final UserDirectory directory;

    @Activate
    public SwitchboardCommands(@Reference StatusSnapshot status, @Reference UserDirectory directory) {
        this.status = status;
        this.directory = directory;
    }

    @Descriptor("services with address, port and state; bundles; endpoint counters; configuration problems")
    public String status() {
        return StatusText.full(status);
    }

    @Descriptor("change a user's password, asking for it twice on the terminal")
    public String passwd(CommandSession session, @Descriptor("user name") String user) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(session.getKeyboard(), StandardCharsets.UTF_8));
        session.getConsole().print("New password for " + user + ": ");
        session.getConsole().flush();
        String first = in.readLine();
        session.getConsole().print("Repeat: ");
        session.getConsole().flush();
        String second = in.readLine();
        if (first == null || !first.equals(second)) return "The two passwords differ; nothing changed.";
        return passwd(user, first);
    }

    @Descriptor("change a user's password (for scripts; the password ends up in the shell history)")
    public String passwd(@Descriptor("user name") String user, @Descriptor("new password") String password) throws IOException {
        try {
            directory.setPassword(user, password.toCharArray());
            return "Password of " + user + " changed.";
        } catch (IllegalArgumentException e) {
            return "Password not changed: " + e.getMessage();
        }
    }

    @Descriptor("list the office users")
    public String users() {
        TextTable table = new TextTable("USER", "ROLE", "EXTENSION");
        for (Account a : directory.accounts()) table.row(a.name(), a.admin() ? "admin" : "user", a.extension().orElse("-"));
        return table.toString();
    }

    @Descriptor("create a user")
    public String useradd(@Descriptor("user name") String user, @Descriptor("password") String password,
            @Descriptor("extension number, or - for none") String extension) throws IOException {
        try {
            directory.create(user, password.toCharArray(), extension.equals("-") ? Optional.empty() : Optional.of(extension));
            return "User " + user + " created.";
        } catch (IllegalArgumentException e) {
            return "User not created: " + e.getMessage();
        }
    }

    @Descriptor("remove a user")
    public String userdel(@Descriptor("user name") String user) throws IOException {
        try {
            directory.remove(user);
            return "User " + user + " removed.";
        } catch (IllegalArgumentException e) {
            return "User not removed: " + e.getMessage();
        }
    }

    @Descriptor("import users from a file of user;password[;extension[;SIP secret]] lines (empty password: a SIP-only phone account)")
    public String importUsers(@Descriptor("CSV file") String file) throws IOException {
        try (Reader reader = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            ImportReport report = directory.importCsv(reader);
            StringBuilder sb = new StringBuilder("Created " + report.created() + ", updated " + report.updated()
                    + ", refused " + report.errors().size() + ".\n");
            report.errors().forEach(e -> sb.append("  ").append(e).append('\n'));
            return sb.toString();
        }
    }

    /** Gogo maps the {@code import} function name to this method ({@code import} is a Java keyword). */
    @Descriptor("import users from a file of user;password[;extension[;SIP secret]] lines (empty password: a SIP-only phone account)")
    public String _import(@Descriptor("CSV file") String file) throws IOException {
        return importUsers(file);
    }
}
