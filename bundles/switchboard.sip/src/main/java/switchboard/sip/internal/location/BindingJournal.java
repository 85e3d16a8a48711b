package switchboard.sip.internal.location;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The location table on disk, {@code data/sip/bindings}: one line per change ({@code +} a binding,
 * {@code -} an address of record and contact), appended before the registrar answers and forced to the
 * device by {@link #sync}.
 * Opening replays it and rewrites it with only the live bindings; it is rewritten again whenever the
 * changes outnumber the live bindings by far.
 */
public final class BindingJournal implements AutoCloseable {
    private static final int FIELDS = 10;
    private final Path file;
    private FileChannel channel;
    private long lines;

    public BindingJournal(Path directory) throws IOException {
        this.file = Files.createDirectories(directory).resolve("bindings");
    }

    /** Reads the journal, keeps the bindings still live at {@code now} and compacts the file to them. */
    public List<Binding> open(long now) throws IOException {
        Map<String, Binding> live = new LinkedHashMap<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] f = line.split("\t", -1);
                if (f.length == FIELDS && f[0].equals("+")) {
                    parse(f).ifPresent(b -> live.put(key(b.aor(), b.contact()), b));
                } else if (f.length == 3 && f[0].equals("-")) {
                    live.remove(key(f[1], f[2]));
                }
                // anything else is a line torn by a crash mid-write: the change it held was never acknowledged
            }
        }
        List<Binding> kept = live.values().stream().filter(b -> b.expiresAt() > now).toList();
        rewrite(kept);
        return kept;
    }

    /** Appends the changes and forces them to disk. */
    public void append(Collection<Binding> saved, Collection<Binding> removed) throws IOException {
        StringBuilder out = new StringBuilder();
        changes(saved, removed, out);
        write(out, saved.size() + removed.size());
        sync();
    }

    /** The journal lines of one change (its removals, then its additions), appended to {@code out}. */
    public static void changes(Collection<Binding> saved, Collection<Binding> removed, StringBuilder out) {
        for (Binding b : removed) out.append("-\t").append(b.aor()).append('\t').append(b.contact()).append('\n');
        for (Binding b : saved) out.append(line(b));
    }

    /**
     * Appends journal lines made by {@link #changes}: once this returns they are in the file (the page
     * cache), which outlives a crash of the process; {@link #sync} makes them outlive a power loss too.
     */
    public void write(CharSequence changeLines, int count) throws IOException {
        FileChannel out = channel();
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(changeLines));
        while (bytes.hasRemaining()) out.write(bytes);
        lines += count;
    }

    /** Forces what was written to the device; may run while another thread {@link #write}s. */
    public void sync() throws IOException {
        channel().force(false);
    }

    private FileChannel channel() throws ClosedChannelException {
        FileChannel open = channel;
        if (open == null) throw new ClosedChannelException();
        return open;
    }

    /** Whether the file holds so many superseded lines that {@link #rewrite} is worth it. */
    public boolean wantsCompaction(int liveBindings) {
        return lines > 10_000 && lines > 4L * liveBindings;
    }

    /** Replaces the file with exactly these bindings (write, fsync, rename) and appends from there. */
    public void rewrite(Collection<Binding> bindings) throws IOException {
        close();
        Path tmp = file.resolveSibling("bindings.tmp");
        StringBuilder out = new StringBuilder();
        for (Binding b : bindings) out.append(line(b));
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer bytes = StandardCharsets.UTF_8.encode(out.toString());
            while (bytes.hasRemaining()) ch.write(bytes);
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        }
        channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        lines = bindings.size();
    }

    @Override
    public void close() throws IOException {
        if (channel != null) channel.close();
        channel = null;
    }

    private static String key(String aor, String contact) {
        return aor + '\t' + contact;
    }

    private static String line(Binding b) {
        return String.join("\t", "+", b.aor(), b.contact(), Long.toString(b.expiresAt()), b.callId(),
                Long.toString(b.cseq()), b.userAgent(), b.source(), b.path(), Boolean.toString(b.nat())) + '\n';
    }

    private static Optional<Binding> parse(String[] f) {
        try {
            return Optional.of(new Binding(f[1], f[2], Long.parseLong(f[3]), f[4], Long.parseLong(f[5]), f[6], f[7], f[8],
                    Boolean.parseBoolean(f[9])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
