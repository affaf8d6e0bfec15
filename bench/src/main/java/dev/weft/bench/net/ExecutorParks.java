package dev.weft.bench.net;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Parks of Weft's executor threads, read from their MXBeans before and after a measured run: each
 * park is a futex wait, and each unpark that ended it a futex wake on another thread, so parks per
 * round trip say how often a round trip went through the OS scheduler, whatever else loads the
 * machine. Reports nothing when no Weft executor runs (the thread servers).
 */
final class ExecutorParks {
    private final long before = sum("Parks");

    void report(long operations, String unit) {
        long parks = sum("Parks") - before;
        if (parks >= 0 && before >= 0) {
            System.out.printf("  %-32s %6.2f per %s%n", "executor parks", (double) parks / operations, unit);
        }
    }

    private static long sum(String attribute) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            long n = 0;
            for (ObjectName name : server.queryNames(new ObjectName("dev.weft:type=Executor,*"), null)) {
                n += ((Number) server.getAttribute(name, attribute)).longValue();
            }
            return n;
        } catch (Exception e) {
            return -1;
        }
    }
}
