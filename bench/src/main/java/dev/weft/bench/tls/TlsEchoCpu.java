package dev.weft.bench.tls;

import dev.weft.bench.Weave;
import dev.weft.bench.net.ThreadCpu;

/**
 * The {@link TlsEcho} setup outside JMH, counting thread CPU instead of wall time: microseconds of
 * CPU per round trip by thread group, the client being the {@code tls-client-N} threads, the
 * steadier figure on a shared machine.
 *
 * <pre>
 * java -javaagent:bench/target/weft-benchmarks.jar -cp bench/target/weft-benchmarks.jar \
 *     dev.weft.bench.tls.TlsEchoCpu weft 100 5      # implementation, connections, seconds
 * </pre>
 */
public final class TlsEchoCpu {
    private TlsEchoCpu() {}

    public static void main(String[] args) throws Exception {
        Weave.ensure();
        String implementation = args.length > 0 ? args[0] : "weft";
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        BenchCertificate certificate = BenchCertificate.make();
        try (TlsEchoServer server = TlsEcho.startServer(implementation, certificate);
                TlsEchoClient client = TlsEchoClient.connect(certificate.client, server.address(), connections)) {
            run(client, 2);
            ThreadCpu cpu = new ThreadCpu("tls-client-");
            long start = System.nanoTime();
            long roundTrips = run(client, seconds);
            double perSecond = roundTrips / ((System.nanoTime() - start) / 1e9);
            cpu.report(String.format("%s, %d connections, %.0f round trips/s", implementation, connections, perSecond),
                    roundTrips, "round trip");
        }
    }

    private static long run(TlsEchoClient client, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long roundTrips = 0;
        while (System.nanoTime() < end) {
            roundTrips += client.roundTrips(TlsEcho.ROUNDS);
        }
        return roundTrips;
    }
}
