package switchboard.audit.internal.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * {@code log/audit.log}: one line per admin-relevant event, appended and never rewritten:
 * {@code time<TAB>who<TAB>from<TAB>what}. Tabs and line breaks inside a field are replaced, so a crafted
 * user name cannot forge a line.
 *
 * <p>The file stays open between lines (every phone registration is a login, so opening it per line
 * cost more than the line). It is opened again when it was moved or deleted (log rotation), which is
 * checked at most once a second.
 */
public final class AuditTrail implements AutoCloseable {
    private static final long CHECK_MILLIS = 1000;
    private final Path file;
    private FileChannel channel;
    private Object openedKey;
    private long checkedAt;

    public AuditTrail(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public synchronized void append(Instant time, String who, String from, String what) throws IOException {
        String line = time.truncatedTo(ChronoUnit.MILLIS) + "\t" + clean(who) + "\t" + clean(from) + "\t" + clean(what) + "\n";
        ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        FileChannel out = channel(time.toEpochMilli());
        try {
            while (bytes.hasRemaining()) out.write(bytes);
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** The open file, opened (again) when there is none or the path now names another file or none. */
    private FileChannel channel(long now) throws IOException {
        if (channel != null && Math.abs(now - checkedAt) < CHECK_MILLIS) return channel;
        checkedAt = now;
        Object key = currentKey();
        if (channel != null && key != null && key.equals(openedKey)) return channel;
        close();
        // only the first line (or one after log/ was removed) needs the directory made
        if (key == null) Files.createDirectories(file.getParent());
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        openedKey = currentKey();
        return channel;
    }

    private Object currentKey() throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public synchronized void close() {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was buffered: every line went to the file when it was written
        }
        channel = null;
    }

    static String clean(String field) {
        if (field == null || field.isEmpty()) return "-";
        StringBuilder out = new StringBuilder(field.length());
        field.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return out.toString();
    }
}
