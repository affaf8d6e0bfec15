package dev.weft.net;

import dev.weft.Async;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Run in a child JVM by {@link LargeTransferMemoryTest}: moves one large heap buffer over loopback
 * through a {@link TcpStream} — {@code write}: {@code writeAll} of it to a plain reader that
 * drains it; {@code read}: reads from a plain writer into it until it is full — and prints how
 * much the process's resident memory grew across the transfer, in KiB ({@code VmRSS} of
 * {@code /proc/self/status}).
 */
public final class LargeTransferChild {
    private static final int WARM_UP = 1 << 20;

    private LargeTransferChild() {}

    public static void main(String[] args) throws Exception {
        boolean write = args[0].equals("write");
        int size = Integer.parseInt(args[1]);
        byte[] big = new byte[size];
        for (int i = 0; i < size; i += 4096) {
            big[i] = (byte) i; // resident before the first measurement
        }
        try (TcpListener listener = TcpListener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                SocketChannel peer = SocketChannel.open(listener.localAddress());
                TcpStream stream = Async.blockOn(listener.accept())) {
            AtomicLong moved = new AtomicLong();
            Thread other = write ? new Thread(() -> drain(peer, moved), "drain")
                    : new Thread(() -> fill(peer, WARM_UP + (long) size, moved), "fill");
            other.start();
            transfer(write, stream, new byte[WARM_UP]); // warms up the reactor, the classes and the JIT
            long before = residentKib();
            transfer(write, stream, big);
            long after = residentKib();
            if (write) {
                stream.shutdownOutput();
            }
            other.join();
            if (moved.get() != WARM_UP + (long) size) {
                throw new AssertionError("moved " + moved.get() + " bytes");
            }
            System.out.println("grewKiB=" + (after - before));
        }
    }

    private static void transfer(boolean write, TcpStream stream, byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        if (write) {
            Async.blockOn(stream.writeAll(buf));
            return;
        }
        while (buf.hasRemaining()) {
            if (Async.blockOn(stream.read(buf)) < 0) {
                throw new AssertionError("end of stream with " + buf.remaining() + " bytes to go");
            }
        }
    }

    private static void drain(SocketChannel reader, AtomicLong drained) {
        ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
        try {
            for (int n; (n = reader.read(buf.clear())) >= 0; ) {
                drained.addAndGet(n);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void fill(SocketChannel writer, long total, AtomicLong written) {
        ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
        try {
            while (written.get() < total) {
                buf.clear().limit((int) Math.min(buf.capacity(), total - written.get()));
                while (buf.hasRemaining()) {
                    written.addAndGet(writer.write(buf));
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
