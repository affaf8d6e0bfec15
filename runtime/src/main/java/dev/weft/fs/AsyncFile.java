package dev.weft.fs;

import dev.weft.Blocking;
import dev.weft.FallibleFuture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A file read and written at explicit positions by futures, which run the file system's blocking
 * calls on the {@link Blocking} pool, so a task reading a file leaves its worker to other tasks.
 *
 * <pre>{@code
 * FallibleFuture<Long, IOException> copy(Path from, Path to) {
 *     return Async.fallible(() -> {
 *         try (AsyncFile in = await(AsyncFile.open(from, READ));
 *                 AsyncFile out = await(AsyncFile.open(to, WRITE, CREATE, TRUNCATE_EXISTING))) {
 *             ByteBuffer buf = ByteBuffer.allocate(1 << 20);
 *             long position = 0;
 *             for (int n; (n = await(in.read(buf.clear(), position))) >= 0; position += n) {
 *                 await(out.writeAll(buf.flip(), position));
 *             }
 *             return ready(position);
 *         }
 *     });
 * }
 * }</pre>
 *
 * <p>Every operation names its position, so no state is shared between them: several may be
 * pending at once, from any tasks, and each runs on its own pool thread. Failures are the file
 * system's {@link IOException}s ({@link java.nio.file.NoSuchFileException}, ...), thrown unchanged
 * from {@code await}. An operation on a closed file fails with
 * {@link java.nio.channels.ClosedChannelException}.
 *
 * <p><b>Cancellation</b> stops the waiting, not the call: an interrupt would close the file (a
 * {@link FileChannel} closes itself when its thread is interrupted), so a cancelled read or write
 * runs to its end on its pool thread, and until then it may still fill or read the buffer it was
 * given. A file's contents at a position are still there to read again, so nothing is lost.
 *
 * <p><b>Memory.</b> A large heap buffer meets the file {@value #SLICE} bytes at a time: the JDK
 * moves a heap buffer through a per-thread cached direct buffer as large as the heap buffer's
 * remaining bytes, which would cost each pool thread that much native memory for good.
 */
public final class AsyncFile implements AutoCloseable {
    static final int SLICE = 128 * 1024;

    private final FileChannel channel;
    private final Path path;

    private AsyncFile(FileChannel channel, Path path) {
        this.channel = channel;
        this.path = path;
    }

    /**
     * A future that opens {@code path} with {@code options} ({@code READ} if none, as
     * {@link FileChannel#open(Path, OpenOption...)}).
     *
     * <pre>{@code
     * AsyncFile log = await(AsyncFile.open(Path.of("app.log"), WRITE, CREATE, APPEND));
     * }</pre>
     */
    public static FallibleFuture<AsyncFile, IOException> open(Path path, OpenOption... options) {
        Objects.requireNonNull(path, "path");
        OpenOption[] copy = options.clone();
        return Blocking.callUninterruptibly(() -> new AsyncFile(FileChannel.open(path, copy), path));
    }

    /**
     * A future that reads bytes from {@code position} into {@code dst} and completes with their
     * count, at least one if {@code dst} has room and the file has bytes there, or -1 at or past
     * the end of the file.
     *
     * <pre>{@code
     * ByteBuffer header = ByteBuffer.allocate(512);
     * int n = await(file.read(header, 0));
     * }</pre>
     */
    public FallibleFuture<Integer, IOException> read(ByteBuffer dst, long position) {
        Objects.requireNonNull(dst, "dst");
        requireNonNegative(position);
        return Blocking.callUninterruptibly(() -> {
            ByteBuffer slice = slice(dst);
            int n = channel.read(slice, position);
            advance(dst, slice, n);
            return n;
        });
    }

    /**
     * A future that writes some of {@code src} at {@code position} (growing the file if needed)
     * and completes with the count.
     */
    public FallibleFuture<Integer, IOException> write(ByteBuffer src, long position) {
        Objects.requireNonNull(src, "src");
        requireNonNegative(position);
        return Blocking.callUninterruptibly(() -> {
            ByteBuffer slice = slice(src);
            int n = channel.write(slice, position);
            advance(src, slice, n);
            return n;
        });
    }

    /**
     * A future that writes all of {@code src} starting at {@code position}.
     *
     * <pre>{@code
     * await(file.writeAll(ByteBuffer.wrap(record), offset));
     * }</pre>
     */
    public FallibleFuture<Void, IOException> writeAll(ByteBuffer src, long position) {
        Objects.requireNonNull(src, "src");
        requireNonNegative(position);
        return Blocking.callUninterruptibly(() -> {
            for (long at = position; src.hasRemaining(); ) {
                ByteBuffer slice = slice(src);
                int n = channel.write(slice, at);
                advance(src, slice, n);
                at += n;
            }
            return null;
        });
    }

    /** A future of the file's size in bytes. */
    public FallibleFuture<Long, IOException> size() {
        return Blocking.callUninterruptibly(channel::size);
    }

    /**
     * A future that completes once what was written is on the storage device
     * ({@link FileChannel#force}); with {@code metadata}, the file's metadata too.
     *
     * <pre>{@code
     * await(journal.writeAll(entry, end));
     * await(journal.force(false));   // durable before we acknowledge
     * }</pre>
     */
    public FallibleFuture<Void, IOException> force(boolean metadata) {
        return Blocking.callUninterruptibly(() -> {
            channel.force(metadata);
            return null;
        });
    }

    /** The path this file was opened with. */
    public Path path() {
        return path;
    }

    /**
     * Closes the file now (closing does not wait on the device). Operations that have not started
     * fail with {@link java.nio.channels.ClosedChannelException}. Idempotent.
     *
     * @throws UncheckedIOException in the rare case the operating system reports a close failure
     */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing " + this, e);
        }
    }

    private static ByteBuffer slice(ByteBuffer buf) {
        return buf.isDirect() || buf.remaining() <= SLICE ? buf : buf.slice(buf.position(), SLICE);
    }

    private static void advance(ByteBuffer buf, ByteBuffer slice, int n) {
        if (slice != buf && n > 0) {
            buf.position(buf.position() + n);
        }
    }

    private static void requireNonNegative(long position) {
        if (position < 0) {
            throw new IllegalArgumentException("negative position: " + position);
        }
    }

    @Override
    public String toString() {
        return "AsyncFile[" + path + (channel.isOpen() ? "" : ", closed") + "]";
    }
}
