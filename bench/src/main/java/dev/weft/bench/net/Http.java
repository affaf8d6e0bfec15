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
 * A small keep-alive HTTP/1.1 server over loopback with {@code connections} open connections: one
 * operation is every connection making {@value #ROUNDS} {@code GET} requests, one at a time, each
 * response checked byte for byte ({@link HttpLoad}). Divide {@code connections × ROUNDS} by the
 * time per operation for requests per second; {@link HttpCpu} gives server CPU per request.
 *
 * <ul>
 *   <li>{@code weft}: {@link WeftHttpServer}, a task per connection reading lines with
 *       {@code TcpReader} and writing with {@code TcpStream.writeAll}.
 *   <li>{@code virtualThreads}: {@link ThreadHttpServer}, a virtual thread per connection reading
 *       with a {@code BufferedReader} over a blocking {@code Socket}.
 * </ul>
 *
 * <p>Both parse with the same {@link HttpRequest}, so they differ only in how they read and write.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Http {
    static {
        Weave.ensure();
    }

    /** Requests per connection per operation. */
    static final int ROUNDS = 16;

    @Param({"1", "100", "1000"})
    int connections;

    private LoopbackServer server;
    private HttpLoad load;

    @Setup(Level.Trial)
    public void start(BenchmarkParams params) throws Exception {
        String benchmark = params.getBenchmark();
        server = startServer(benchmark.substring(benchmark.lastIndexOf('.') + 1));
        try {
            load = HttpLoad.connect(server.address(), connections);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** The server named like the benchmark method that measures it. */
    static LoopbackServer startServer(String implementation) throws IOException {
        switch (implementation) {
            case "weft": return WeftHttpServer.start();
            case "virtualThreads": return ThreadHttpServer.start(VirtualThreads::start);
            default: throw new IllegalArgumentException("no HTTP server for " + implementation);
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        try {
            load.close();
        } finally {
            server.close();
        }
    }

    @Benchmark
    public int weft() throws IOException {
        return load.requests(ROUNDS);
    }

    @Benchmark
    public int virtualThreads() throws IOException {
        return load.requests(ROUNDS);
    }
}
