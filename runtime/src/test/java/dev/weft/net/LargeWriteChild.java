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
 * Run in a child JVM by {@link LargeWriteMemoryTest}: writes one large heap buffer with
 * {@code writeAll} over loopback to a reader that drains it, and prints how much the process's
 * resident memory grew across the write, in KiB ({@code VmRSS} of {@code /proc/self/status}).
 */
public final class LargeWriteChild {
    private LargeWriteChild() {}

    public static void main(String[] args) throws Exception {
        int size = Integer.parseInt(args[0]);
        byte[] big = new byte[size];
        for (int i = 0; i < size; i += 4096) {
            big[i] = (byte) i; // resident before the first measurement
        }
        try (TcpListener listener = TcpListener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                SocketChannel reader = SocketChannel.open(listener.localAddress());
                TcpStream writer = Async.blockOn(listener.accept())) {
            AtomicLong drained = new AtomicLong();
            Thread drain = new Thread(() -> drain(reader, drained), "drain");
            drain.start();
            transfer(writer, new byte[1 << 20]); // warms up the reactor, the classes and the JIT
            long before = residentKib();
            transfer(writer, big);
            long after = residentKib();
            writer.shutdownOutput();
            drain.join();
            if (drained.get() != (1 << 20) + (long) size) {
                throw new AssertionError("drained " + drained.get() + " bytes");
            }
            System.out.println("grewKiB=" + (after - before));
        }
    }

    private static void transfer(TcpStream writer, byte[] bytes) {
        Async.blockOn(writer.writeAll(ByteBuffer.wrap(bytes)));
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

    private static long residentKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
