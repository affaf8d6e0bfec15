package dev.weft.fs;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.WRITE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Cancellable;
import dev.weft.FallibleFuture;
import dev.weft.Steps;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class AsyncFileTest {
    @TempDir
    Path dir;

    @Test
    void writesAtPositionsAndReadsThemBack() throws Exception {
        Path p = dir.resolve("greeting");
        try (AsyncFile f = Async.blockOn(AsyncFile.open(p, READ, WRITE, CREATE))) {
            Async.blockOn(f.writeAll(ascii("world"), 6));
            Async.blockOn(f.writeAll(ascii("hello "), 0));
            assertEquals(11L, Async.blockOn(f.size()));
            ByteBuffer buf = ByteBuffer.allocate(64);
            while (buf.position() < 11) {
                assertTrue(Async.blockOn(f.read(buf, buf.position())) > 0);
            }
            assertEquals("hello world", new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII));
            assertEquals(-1, Async.blockOn(f.read(ByteBuffer.allocate(8), 11)), "end of file");
            Async.blockOn(f.force(true));
        }
        assertEquals("hello world", Files.readString(p));
    }

    @Test
    void aLargeHeapBufferMeetsTheFileASliceAtATime() throws Exception {
        byte[] data = new byte[3 << 20];
        new Random(21).nextBytes(data);
        Path p = dir.resolve("large");
        try (AsyncFile f = Async.blockOn(AsyncFile.open(p, READ, WRITE, CREATE))) {
            ByteBuffer src = ByteBuffer.wrap(data);
            Async.blockOn(f.writeAll(src, 0));
            assertEquals(data.length, src.position());
            ByteBuffer dst = ByteBuffer.allocate(data.length);
            assertEquals(AsyncFile.SLICE, Async.blockOn(f.read(dst, 0)), "one read moves one slice");
            assertEquals(AsyncFile.SLICE, dst.position());
            while (dst.hasRemaining()) {
                Async.blockOn(f.read(dst, dst.position()));
            }
            assertArrayEquals(data, dst.array());
        }
        assertArrayEquals(data, Files.readAllBytes(p));
    }

    @Test
    void openingAMissingFileFailsWithTheFileSystemsOwnException() {
        Path missing = dir.resolve("missing");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Async.blockOn(AsyncFile.open(missing, READ)));
        assertEquals(missing.toString(), e.getFile());
    }

    @Test
    void anOperationOnAClosedFileFailsWithClosedChannelException() throws Exception {
        AsyncFile f = Async.blockOn(AsyncFile.open(dir.resolve("closed"), WRITE, CREATE));
        f.close();
        f.close();
        assertThrows(ClosedChannelException.class, () -> Async.blockOn(f.writeAll(ascii("late"), 0)));
    }

    /** An interrupt would close the channel; cancelled reads are left to finish instead. */
    @Test
    void cancellingReadsInFlightLeavesTheFileOpen() throws Exception {
        Path p = dir.resolve("cancelled");
        Files.write(p, new byte[1 << 20]);
        Steps.CountingWaker waker = new Steps.CountingWaker();
        try (AsyncFile f = Async.blockOn(AsyncFile.open(p, READ))) {
            for (int i = 0; i < 200; i++) {
                FallibleFuture<Integer, java.io.IOException> read = f.read(ByteBuffer.allocateDirect(1 << 20), 0);
                read.poll(waker.context());
                ((Cancellable) read).cancel();
            }
            assertEquals(1 << 20, Async.blockOn(f.read(ByteBuffer.allocateDirect(1 << 20), 0)));
        }
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }
}
