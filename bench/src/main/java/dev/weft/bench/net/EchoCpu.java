package dev.weft.bench.net;

import dev.weft.bench.Weave;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The {@link Echo} setup run outside JMH to count CPU time instead of wall time: microseconds of
 * thread CPU per round trip, by thread group, for the server and for the client. On a machine
 * other work shares, wall time swings with that work; CPU time per round trip hardly does, so
 * this is the steadier way to compare the servers' costs.
 *
 * <pre>
 * java -javaagent:bench/target/weft-benchmarks.jar -cp bench/target/weft-benchmarks.jar \
 *     dev.weft.bench.net.EchoCpu weft 1000 5      # implementation, connections, seconds
 * </pre>
 */
public final class EchoCpu {
    /** JIT and GC threads: the JVM's own, whichever server runs. */
    private static final Pattern JVM_THREADS = Pattern.compile("(C\\d |GC |G1 |VM ).*");

    private EchoCpu() {}

    public static void main(String[] args) throws Exception {
        Weave.ensure();
        String implementation = args.length > 0 ? args[0] : "weft";
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        try (EchoServer server = Echo.startServer(implementation);
                EchoClient client = EchoClient.connect(server.address(), connections)) {
            run(client, 2); // warm-up
            Map<Long, Long> before = cpuByThread();
            long roundTrips = run(client, seconds);
            report(implementation, connections, roundTrips, before, cpuByThread());
        }
    }

    private static long run(EchoClient client, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long roundTrips = 0;
        while (System.nanoTime() < end) {
            roundTrips += client.roundTrips(Echo.ROUNDS);
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

    private static void report(String implementation, int connections, long roundTrips, Map<Long, Long> before,
            Map<Long, Long> after) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long client = Thread.currentThread().getId();
        Map<String, Long> byGroup = new TreeMap<>();
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            ThreadInfo info = mx.getThreadInfo(e.getKey());
            if (info == null || e.getValue() < 0) {
                continue;
            }
            String group = e.getKey() == client ? "client" : info.getThreadName().replaceAll("\\d+", "N");
            byGroup.merge(group, e.getValue() - before.getOrDefault(e.getKey(), 0L), Long::sum);
        }
        long server = 0;
        System.out.printf("%s, %d connections: %d round trips%n", implementation, connections, roundTrips);
        for (Map.Entry<String, Long> g : byGroup.entrySet()) {
            double perRoundTrip = g.getValue() / 1e3 / roundTrips;
            if (perRoundTrip >= 0.05) {
                System.out.printf("  %-32s %6.2f us CPU per round trip%n", g.getKey(), perRoundTrip);
            }
            if (!g.getKey().equals("client") && !JVM_THREADS.matcher(g.getKey()).matches()) {
                server += g.getValue();
            }
        }
        System.out.printf("  %-32s %6.2f us CPU per round trip%n", "server (all but client, JIT, GC)",
                server / 1e3 / roundTrips);
    }
}
