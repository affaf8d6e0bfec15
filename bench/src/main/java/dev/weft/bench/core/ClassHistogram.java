package dev.weft.bench.core;

import java.lang.management.ManagementFactory;
import javax.management.ObjectName;

/**
 * The live heap's class histogram (instances and bytes per class), read in-process through the
 * JVM's diagnostic-command MBean, so a benchmark can show where its retained bytes are at the
 * moment it measures them, without an outside {@code jcmd} racing its timing.
 */
final class ClassHistogram {
    private ClassHistogram() {}

    /** The header and the {@code lines} biggest classes of {@code GC.class_histogram}. */
    static String top(int lines) {
        try {
            String all = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            String[] rows = all.split("\n");
            return String.join("\n", java.util.Arrays.copyOf(rows, Math.min(rows.length, lines + 2)));
        } catch (Exception e) {
            return "no class histogram: " + e;
        }
    }
}
