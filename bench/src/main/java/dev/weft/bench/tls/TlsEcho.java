package dev.weft.bench.tls;

import dev.weft.bench.VirtualThreads;
import dev.weft.bench.Weave;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * TLS echo over loopback with {@code connections} handshaken connections: one operation is every
 * connection making {@value #ROUNDS} round trips of a {@value TlsEchoClient#MESSAGE_BYTES}-byte
 * message, each checked. The servers:
 * <ul>
 *   <li>{@code weft}: {@link WeftTlsEchoServer}, a task per connection awaiting {@code TlsStream}
 *       reads and writes (the JDK's {@code SSLEngine} over Weft's reactor);
 *   <li>{@code virtualThreads}: {@link ThreadTlsEchoServer} with one virtual thread per connection
 *       blocking on an {@code SSLSocket}.
 * </ul>
 * The client is the same for both ({@link TlsEchoClient}: blocking {@code SSLSocket}s on platform
 * threads), so it costs both the same; {@link TlsEchoCpu} separates the server's CPU from it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TlsEcho {
    static {
        Weave.ensure();
    }

    static final int ROUNDS = 16;

    @Param({"1", "100"})
    int connections;

    private TlsEchoServer server;
    private TlsEchoClient client;

    @Setup(Level.Trial)
    public void start(BenchmarkParams params) throws Exception {
        String benchmark = params.getBenchmark();
        BenchCertificate certificate = BenchCertificate.make();
        server = startServer(benchmark.substring(benchmark.lastIndexOf('.') + 1), certificate);
        try {
            client = TlsEchoClient.connect(certificate.client, server.address(), connections);
        } catch (Exception e) {
            server.close();
            throw e;
        }
    }

    static TlsEchoServer startServer(String implementation, BenchCertificate certificate) throws Exception {
        switch (implementation) {
            case "weft": return WeftTlsEchoServer.start(certificate.server);
            case "virtualThreads": return ThreadTlsEchoServer.start(certificate.server, VirtualThreads::start);
            default: throw new IllegalArgumentException("no TLS echo server for " + implementation);
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        try {
            client.close();
        } finally {
            server.close();
        }
    }

    @Benchmark
    public int weft() throws Exception {
        return client.roundTrips(ROUNDS);
    }

    @Benchmark
    public int virtualThreads() throws Exception {
        return client.roundTrips(ROUNDS);
    }
}
