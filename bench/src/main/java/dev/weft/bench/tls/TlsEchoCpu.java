package dev.weft.bench.tls;

import dev.weft.bench.Weave;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@link TlsEcho} setup outside JMH, counting thread CPU instead of wall time: microseconds of
 * server CPU per round trip (every thread but the client's {@code tls-client-N} ones, the JIT's and
 * the GC's), the steadier figure on a shared machine.
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
            Map<Long, Long> before = cpuByThread();
            long start = System.nanoTime();
            long roundTrips = run(client, seconds);
            double elapsed = (System.nanoTime() - start) / 1e9;
            double serverMicros = serverCpu(before, cpuByThread()) / 1e3 / roundTrips;
            System.out.printf("%s, %d connections: %.0f round trips/s, server %.2f us CPU per round trip%n",
                    implementation, connections, roundTrips / elapsed, serverMicros);
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

    private static Map<Long, Long> cpuByThread() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : mx.getAllThreadIds()) {
            cpu.put(id, mx.getThreadCpuTime(id));
        }
        return cpu;
    }

    private static long serverCpu(Map<Long, Long> before, Map<Long, Long> after) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        long server = 0;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            ThreadInfo info = mx.getThreadInfo(e.getKey());
            if (info == null || e.getValue() < 0 || e.getKey() == self) {
                continue;
            }
            String name = info.getThreadName();
            if (!name.startsWith("tls-client-") && !name.matches("(C\\d |GC |G1 |VM ).*")) {
                server += e.getValue() - before.getOrDefault(e.getKey(), 0L);
            }
        }
        return server;
    }
}
