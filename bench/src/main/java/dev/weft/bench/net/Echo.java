package dev.weft.bench.net;

import dev.weft.bench.VirtualThreads;
import dev.weft.bench.Weave;
import java.io.IOException;
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
 * TCP echo over loopback with {@code connections} open connections: one operation is every
 * connection making {@value #ROUNDS} round trips of a {@value EchoClient#MESSAGE_BYTES}-byte message
 * (TCP_NODELAY, one message in flight per connection, every echo checked byte for byte). Divide
 * {@code connections × ROUNDS} by the time per operation for round trips per second.
 *
 * <p>The servers, each started once per trial on a free loopback port:
 * <ul>
 *   <li>{@code weft}: {@link WeftEchoServer}, one spawned task per connection awaiting
 *       {@code TcpStream.read}/{@code writeAll}, on Weft's default runtime (a work-stealing
 *       executor with one worker per core, and the reactor thread polling a {@code Selector}).
 *   <li>{@code virtualThreads}: {@link ThreadEchoServer}, one virtual thread per connection
 *       blocking in {@code SocketChannel.read}/{@code write}; the JDK parks it and its poller
 *       unparks it.
 *   <li>{@code platformThreads}: the same code with one platform thread per connection.
 * </ul>
 *
 * <p>The client is the same for all three: {@link EchoClient}, the benchmark thread itself driving
 * every connection from one {@code Selector}. It is cheap (no allocation, two system calls per
 * round trip plus its share of a select) and uses one core at most whatever the server does, so
 * differences in time are the servers'. Only the server this benchmark measures is started; the
 * client closes its connections before the server is closed, and the server's close waits for
 * every connection's task or thread to end, so nothing leaks into the next trial.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Echo {
    static {
        Weave.ensure();
    }

    /** Round trips per connection per operation. */
    static final int ROUNDS = 16;

    @Param({"1", "100", "1000"})
    int connections;

    private LoopbackServer server;
    private EchoClient client;

    @Setup(Level.Trial)
    public void start(BenchmarkParams params) throws Exception {
        String benchmark = params.getBenchmark();
        server = startServer(benchmark.substring(benchmark.lastIndexOf('.') + 1));
        try {
            client = EchoClient.connect(server.address(), connections);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The server named like the benchmark method that measures it. */
    static LoopbackServer startServer(String implementation) throws IOException {
        switch (implementation) {
            case "weft": return WeftEchoServer.start();
            case "virtualThreads": return ThreadEchoServer.start(VirtualThreads::start);
            case "platformThreads": return ThreadEchoServer.start(ThreadEchoServer::platformThread);
            default: throw new IllegalArgumentException("no echo server for " + implementation);
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
    public int weft() throws IOException {
        return client.roundTrips(ROUNDS);
    }

    @Benchmark
    public int virtualThreads() throws IOException {
        return client.roundTrips(ROUNDS);
    }

    @Benchmark
    public int platformThreads() throws IOException {
        return client.roundTrips(ROUNDS);
    }
}
