package dev.weft.bench.net;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * CPU time of every thread in this JVM, taken before and after a measured run, and reported per
 * operation by thread group (thread names with their numbers blanked), for the client (the calling
 * thread, and any thread whose name starts with the client prefix) and the server (everything else
 * but the JVM's JIT and GC threads).
 */
public final class ThreadCpu {
    /** JIT and GC threads: the JVM's own, whichever server runs. */
    private static final Pattern JVM_THREADS = Pattern.compile("(C\\d |GC |G1 |VM ).*");

    private final String clientPrefix;
    private final Map<Long, Long> before = snapshot();

    /** The calling thread is the client. */
    ThreadCpu() {
        this(null);
    }

    /** The calling thread and threads named {@code clientPrefix...} are the client. */
    public ThreadCpu(String clientPrefix) {
        this.clientPrefix = clientPrefix;
    }

    /** Prints the CPU used since this object was made, in microseconds per {@code unit}. */
    public void report(String title, long operations, String unit) {
        Map<Long, Long> after = snapshot();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long client = Thread.currentThread().getId();
        Map<String, Long> byGroup = new TreeMap<>();
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            ThreadInfo info = mx.getThreadInfo(e.getKey());
            if (info == null || e.getValue() < 0) {
                continue;
            }
            String name = info.getThreadName();
            boolean isClient = e.getKey() == client || (clientPrefix != null && name.startsWith(clientPrefix));
            String group = isClient ? "client" : name.replaceAll("\\d+", "N");
            byGroup.merge(group, e.getValue() - before.getOrDefault(e.getKey(), 0L), Long::sum);
        }
        long server = 0;
        System.out.printf("%s: %d %ss%n", title, operations, unit);
        for (Map.Entry<String, Long> g : byGroup.entrySet()) {
            double perOperation = g.getValue() / 1e3 / operations;
            if (perOperation >= 0.05) {
                System.out.printf("  %-32s %6.2f us CPU per %s%n", g.getKey(), perOperation, unit);
            }
            if (!g.getKey().equals("client") && !JVM_THREADS.matcher(g.getKey()).matches()) {
                server += g.getValue();
            }
        }
        System.out.printf("  %-32s %6.2f us CPU per %s%n", "server (all but client, JIT, GC)",
                server / 1e3 / operations, unit);
    }

    private static Map<Long, Long> snapshot() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        for (long id : mx.getAllThreadIds()) {
            cpu.put(id, mx.getThreadCpuTime(id));
        }
        return cpu;
    }
}
