package dev.weft.agent.weave;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints how long weaving a method with N awaits takes and how much it allocates: run with the
 * test classpath, e.g. {@code java -Xmx64m -cp ... dev.weft.agent.weave.WeaveCost 100 400 1500}.
 * A measurement to read, not a test: timings depend on the machine.
 */
public final class WeaveCost {
    private WeaveCost() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("weave-cost");
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (String arg : args) {
            int awaits = Integer.parseInt(arg);
            String name = "Awaits" + awaits;
            byte[] original = GeneratedCoroutines.compile(name, GeneratedCoroutines.manyAwaits(name, awaits), dir);
            ClassHierarchy hierarchy = new ClassHierarchy(WeaveCost.class.getClassLoader());
            long allocated = threads.getCurrentThreadAllocatedBytes();
            long start = System.nanoTime();
            ClassWeaver.Result r = ClassWeaver.weave(original, hierarchy);
            long millis = (System.nanoTime() - start) / 1_000_000;
            long mb = (threads.getCurrentThreadAllocatedBytes() - allocated) >> 20;
            String outcome = r.failures().isEmpty() ? "woven, " + r.bytes().length + " bytes (original "
                    + original.length + ")" : r.failures().get(0);
            System.out.printf("%5d awaits: %6d ms, %6d MB allocated, max heap %d MB: %s%n", awaits, millis, mb,
                    Runtime.getRuntime().maxMemory() >> 20, outcome);
        }
    }
}
