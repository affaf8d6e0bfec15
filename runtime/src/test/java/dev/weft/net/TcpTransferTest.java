package dev.weft.net;

import static dev.weft.net.Flow.done;
import static dev.weft.net.Flow.loop;
import static dev.weft.net.Flow.then;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.Async;
import dev.weft.Context;
import dev.weft.Executor;
import dev.weft.Future;
import dev.weft.Poll;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** 64 MB each way through one connection at the same time: backpressure without loss or reordering. */
class TcpTransferTest {
    static final long TOTAL = 64L << 20;
    static final int CHUNK = 64 << 10;

    /** What a writer sent or a reader received: byte count and CRC32, in order. */
    record Digest(long bytes, long crc) {}

    /** Writes {@code TOTAL} pseudo-random bytes (seeded), then shuts down output. */
    static Future<Digest> writer(TcpStream s, long seed, PendingCount pendingWrites) {
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
        CRC32 crc = new CRC32();
        long[] state = {seed, 0};
        Future<Void> body = loop(() -> {
            if (state[1] == TOTAL) {
                return done(false);
            }
            chunk.clear();
            long x = state[0];
            while (chunk.hasRemaining()) {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
                chunk.putLong(x);
            }
            state[0] = x;
            chunk.flip();
            crc.update(chunk.array(), 0, chunk.limit());
            state[1] += chunk.limit();
            return then(countPending(s.writeAll(chunk), pendingWrites), v -> done(true));
        });
        return then(body, v -> {
            s.shutdownOutput();
            return done(new Digest(state[1], crc.getValue()));
        });
    }

    /** Reads to end of stream, digesting everything in arrival order. */
    static Future<Digest> reader(TcpStream s) {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK);
        CRC32 crc = new CRC32();
        long[] bytes = {0};
        return then(loop(() -> then(s.read(buf.clear()), n -> {
            if (n < 0) {
                return done(false);
            }
            crc.update(buf.array(), 0, n);
            bytes[0] += n;
            return done(true);
        })), v -> done(new Digest(bytes[0], crc.getValue())));
    }

    /** Pending answers of a writer's writes, and a signal at the first one. */
    static final class PendingCount {
        final AtomicLong count = new AtomicLong();
        final CompletableFuture<Void> first = new CompletableFuture<>();
    }

    /** Passes {@code f} through, counting the polls it answered Pending. */
    static <T> Future<T> countPending(Future<T> f, PendingCount pending) {
        return (Context cx) -> {
            Poll<T> p = f.poll(cx);
            if (p.isPending()) {
                pending.count.incrementAndGet();
                pending.first.complete(null);
            }
            return p;
        };
    }

    @Test
    @Timeout(60)
    void sixtyFourMegabytesEachWayAtOnceArriveIntactAndInOrder() throws Exception {
        PendingCount pendingAtoB = new PendingCount();
        PendingCount pendingBtoA = new PendingCount();
        try (TcpListener listener = TcpListener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                Executor sideA = Executor.singleThreaded();
                Executor sideB = Executor.singleThreaded()) {
            CompletableFuture<TcpStream> acceptB = sideB.spawn(listener.accept()).toCompletableFuture();
            try (TcpStream a = Async.blockOn(TcpStream.connect(listener.localAddress()));
                    TcpStream b = acceptB.get(10, TimeUnit.SECONDS)) {
                long start = System.nanoTime();
                CompletableFuture<Digest> sentAtoB = sideA.spawn(writer(a, 0x9E3779B97F4A7C15L, pendingAtoB)).toCompletableFuture();
                CompletableFuture<Digest> sentBtoA = sideB.spawn(writer(b, 0xC2B2AE3D27D4EB4FL, pendingBtoA)).toCompletableFuture();
                // Nobody reads yet, so both writers must fill the socket buffers and be told to wait:
                // write answers Pending rather than buffering without bound.
                pendingAtoB.first.get(10, TimeUnit.SECONDS);
                pendingBtoA.first.get(10, TimeUnit.SECONDS);
                assertTrue(!sentAtoB.isDone() && !sentBtoA.isDone());
                CompletableFuture<Digest> gotAtoB = sideB.spawn(reader(b)).toCompletableFuture();
                CompletableFuture<Digest> gotBtoA = sideA.spawn(reader(a)).toCompletableFuture();

                assertEquals(sentAtoB.get(50, TimeUnit.SECONDS), gotAtoB.get(50, TimeUnit.SECONDS));
                assertEquals(sentBtoA.get(50, TimeUnit.SECONDS), gotBtoA.get(50, TimeUnit.SECONDS));
                long ms = (System.nanoTime() - start) / 1_000_000;
                System.out.printf("[transfer] 2 x %d MB both directions at once: %,d ms; writes pending (socket"
                                + " buffer full) %,d times A->B and %,d times B->A%n",
                        TOTAL >> 20, ms, pendingAtoB.count.get(), pendingBtoA.count.get());
                assertEquals(TOTAL, gotAtoB.get().bytes());
                assertEquals(TOTAL, gotBtoA.get().bytes());
            }
        }
    }
}
