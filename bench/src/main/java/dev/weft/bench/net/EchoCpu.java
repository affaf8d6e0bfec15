package dev.weft.bench.net;

import dev.weft.bench.Weave;

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
 *
 * <p>It also prints the Weft executors' parks per round trip. System calls per round trip, by
 * thread, without slowing the run as {@code strace} does: attach {@code perf stat --per-thread -e
 * raw_syscalls:sys_enter,syscalls:sys_enter_futex -p PID -- sleep 3} during the measured run and
 * divide by the client thread's writes (it makes exactly one per round trip).
 */
public final class EchoCpu {
    private EchoCpu() {}

    public static void main(String[] args) throws Exception {
        Weave.ensure();
        String implementation = args.length > 0 ? args[0] : "weft";
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        try (LoopbackServer server = Echo.startServer(implementation);
                EchoClient client = EchoClient.connect(server.address(), connections)) {
            run(client, 2); // warm-up
            ThreadCpu cpu = new ThreadCpu();
            ExecutorParks parks = new ExecutorParks();
            long roundTrips = run(client, seconds);
            cpu.report(implementation + ", " + connections + " connections", roundTrips, "round trip");
            parks.report(roundTrips, "round trip");
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
}
