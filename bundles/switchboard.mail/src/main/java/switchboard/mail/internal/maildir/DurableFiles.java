package switchboard.mail.internal.maildir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writes that are on disk when they return: the file's data, and a directory's entries. */
public final class DurableFiles {
    private DurableFiles() {}

    /** Writes a new file (or replaces one) and fsyncs it. */
    public static void write(Path file, byte[] content, boolean mustBeNew) throws IOException {
        StandardOpenOption create = mustBeNew ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE;
        try (FileChannel out = FileChannel.open(file, create, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) out.write(buffer);
            out.force(true);
        }
    }

    /** Makes a file's content durable. */
    public static void fsync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Makes creations, renames and deletions in the directory durable. */
    public static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
