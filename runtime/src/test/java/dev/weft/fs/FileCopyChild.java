package dev.weft.fs;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.weft.Async;
import dev.weft.Context;
import dev.weft.Executor;
import dev.weft.Future;
import dev.weft.Poll;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Run in a child JVM by {@link FileCopyMemoryTest}: writes a source file of the given size, copies
 * it with {@link AsyncFile} through one 1 MiB heap buffer in a task of a one-thread executor, and
 * prints how much the process's resident memory and used heap grew across the copy, in KiB.
 */
public final class FileCopyChild {
    private FileCopyChild() {}

    public static void main(String[] args) throws Exception {
        Path from = Path.of(args[0]);
        Path to = Path.of(args[1]);
        long size = Long.parseLong(args[2]);
        writeSource(from, size);
        try (Executor executor = Executor.singleThreaded()) {
            copy(executor, from, to, 1 << 20); // warms up the pool, the classes and the JIT
            System.gc();
            long rssBefore = residentKib();
            long heapBefore = usedHeapKib();
            long copied = copy(executor, from, to, size);
            long rssAfter = residentKib();
            long heapAfter = usedHeapKib();
            if (copied != size || Files.size(to) != size || Files.mismatch(from, to) != -1) {
                throw new AssertionError("copied " + copied + " of " + size + " bytes, mismatch at " + Files.mismatch(from, to));
            }
            System.out.println("grewKiB=" + (rssAfter - rssBefore));
            System.out.println("heapGrewKiB=" + (heapAfter - heapBefore));
        }
    }

    /** Copies the first {@code limit} bytes of {@code from} to {@code to}. */
    private static long copy(Executor executor, Path from, Path to, long limit) throws Exception {
        try (AsyncFile in = Async.blockOn(AsyncFile.open(from, READ));
                AsyncFile out = Async.blockOn(AsyncFile.open(to, WRITE, CREATE, TRUNCATE_EXISTING))) {
            return executor.spawn(new Copy(in, out, limit)).toCompletableFuture().get(300, TimeUnit.SECONDS);
        }
    }

    /** What a coroutine's loop of {@code await(read)}, {@code await(writeAll)} does, spelled as a future. */
    private static final class Copy implements Future<Long> {
        private final AsyncFile in;
        private final AsyncFile out;
        private final long limit;
        private final ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        private long position;
        private Future<Integer> reading;
        private Future<Void> writing;

        Copy(AsyncFile in, AsyncFile out, long limit) {
            this.in = in;
            this.out = out;
            this.limit = limit;
        }

        @Override
        public Poll<Long> poll(Context cx) {
            for (;;) {
                if (writing != null) {
                    if (writing.poll(cx).isPending()) {
                        return Poll.pending();
                    }
                    writing = null;
                }
                if (position >= limit) {
                    return Poll.ready(position);
                }
                if (reading == null) {
                    buf.clear().limit((int) Math.min(buf.capacity(), limit - position));
                    reading = in.read(buf, position);
                }
                Poll<Integer> n = reading.poll(cx);
                if (n.isPending()) {
                    return Poll.pending();
                }
                reading = null;
                if (n.value() < 0) {
                    return Poll.ready(position);
                }
                writing = out.writeAll(buf.flip(), position);
                position += n.value();
            }
        }
    }

    private static void writeSource(Path p, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(p, WRITE, CREATE, TRUNCATE_EXISTING)) {
            ByteBuffer chunk = ByteBuffer.allocateDirect(1 << 20);
            for (long at = 0; at < size; ) {
                chunk.clear();
                for (int i = 0; i < chunk.capacity(); i += 8) {
                    chunk.putLong(i, (at + i) * 0x9E3779B97F4A7C15L);
                }
                chunk.limit((int) Math.min(chunk.capacity(), size - at));
                while (chunk.hasRemaining()) {
                    at += ch.write(chunk, at);
                }
            }
        }
    }

    private static long usedHeapKib() {
        Runtime r = Runtime.getRuntime();
        return (r.totalMemory() - r.freeMemory()) / 1024;
    }

    private static long residentKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
