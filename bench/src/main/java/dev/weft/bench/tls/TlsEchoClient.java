package dev.weft.bench.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The client of {@link TlsEcho}, the same for every server: one blocking {@link SSLSocket} per
 * connection, handshaken once, driven by a pool of platform threads named {@code tls-client-N}
 * (so {@link TlsEchoCpu} can count them as the client). Every echo is checked byte for byte.
 */
final class TlsEchoClient implements AutoCloseable {
    static final int MESSAGE_BYTES = 64;

    private final List<SSLSocket> sockets = new ArrayList<>();
    private final ExecutorService threads;

    private TlsEchoClient(int connections) {
        AtomicInteger n = new AtomicInteger();
        threads = Executors.newFixedThreadPool(connections, r -> {
            Thread t = new Thread(r, "tls-client-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    static TlsEchoClient connect(SSLContext trust, InetSocketAddress server, int connections) throws IOException {
        TlsEchoClient c = new TlsEchoClient(connections);
        try {
            for (int i = 0; i < connections; i++) {
                SSLSocket s = (SSLSocket) trust.getSocketFactory().createSocket(server.getAddress(), server.getPort());
                s.setTcpNoDelay(true);
                s.startHandshake();
                c.sockets.add(s);
            }
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** Every connection makes {@code rounds} round trips; returns how many were made in all. */
    int roundTrips(int rounds) throws Exception {
        List<Future<Integer>> done = new ArrayList<>(sockets.size());
        for (SSLSocket s : sockets) {
            done.add(threads.submit(() -> converse(s, rounds)));
        }
        int total = 0;
        for (Future<Integer> f : done) {
            total += f.get();
        }
        return total;
    }

    private static int converse(SSLSocket s, int rounds) throws IOException {
        byte[] out = new byte[MESSAGE_BYTES];
        byte[] in = new byte[MESSAGE_BYTES];
        OutputStream o = s.getOutputStream();
        InputStream i = s.getInputStream();
        for (int r = 0; r < rounds; r++) {
            Arrays.fill(out, (byte) r);
            o.write(out);
            o.flush();
            if (i.readNBytes(in, 0, MESSAGE_BYTES) != MESSAGE_BYTES || !Arrays.equals(in, out)) {
                throw new IOException("the echo of round " + r + " differs");
            }
        }
        return rounds;
    }

    @Override
    public void close() {
        for (SSLSocket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing at teardown
            }
        }
        threads.shutdownNow();
    }
}
