package dev.weft.bench.net;

import dev.weft.bench.Weave;

/**
 * The {@link Http} setup run outside JMH, as {@link EchoCpu} runs echo: requests per second and
 * microseconds of thread CPU per request, by thread group, for the server and for the client.
 *
 * <pre>
 * java -javaagent:bench/target/weft-benchmarks.jar -cp bench/target/weft-benchmarks.jar \
 *     dev.weft.bench.net.HttpCpu weft 100 5      # implementation, connections, seconds
 * </pre>
 */
public final class HttpCpu {
    private HttpCpu() {}

    public static void main(String[] args) throws Exception {
        Weave.ensure();
        String implementation = args.length > 0 ? args[0] : "weft";
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        try (LoopbackServer server = Http.startServer(implementation);
                HttpLoad load = HttpLoad.connect(server.address(), connections)) {
            run(load, 2); // warm-up
            ThreadCpu cpu = new ThreadCpu();
            long start = System.nanoTime();
            long requests = run(load, seconds);
            double perSecond = requests / ((System.nanoTime() - start) / 1e9);
            cpu.report(String.format("%s, %d connections, %.0f requests/s", implementation, connections, perSecond),
                    requests, "request");
        }
    }

    private static long run(HttpLoad load, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long requests = 0;
        while (System.nanoTime() < end) {
            requests += load.requests(Http.ROUNDS);
        }
        return requests;
    }
}
