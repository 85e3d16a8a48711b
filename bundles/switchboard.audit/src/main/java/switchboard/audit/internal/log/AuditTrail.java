package switchboard.audit.internal.log;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * {@code log/audit.log}: one line per admin-relevant event, appended and never rewritten:
 * {@code time<TAB>who<TAB>from<TAB>what}. Tabs and line breaks inside a field are replaced, so a crafted
 * user name cannot forge a line.
 */
public final class AuditTrail {
    private final Path file;

    public AuditTrail(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public synchronized void append(Instant time, String who, String from, String what) throws IOException {
        String line = time.truncatedTo(ChronoUnit.MILLIS) + "\t" + clean(who) + "\t" + clean(from) + "\t" + clean(what) + "\n";
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (NoSuchFileException e) {
            // only the first line (or one after log/ was removed) needs the directory made: every phone
            // registration is a login, and createDirectories costs an exception each time
            Files.createDirectories(file.getParent());
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    static String clean(String field) {
        if (field == null || field.isEmpty()) return "-";
        StringBuilder out = new StringBuilder(field.length());
        field.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return out.toString();
    }
}
