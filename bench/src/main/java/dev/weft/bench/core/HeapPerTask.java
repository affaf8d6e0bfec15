package dev.weft.bench.core;

import dev.weft.bench.ChildJvm;
import dev.weft.bench.ProcessMeasurement;
import dev.weft.bench.Profile;
import dev.weft.bench.ResultsFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Retained heap per suspended task: {@value SuspendedTasks#TASKS} tasks each waiting on its own
 * one-shot value, measured after a full GC in a fresh JVM per implementation (see
 * {@link SuspendedTasks}). Every side keeps the same two arrays (the one-shots and the handles
 * to join), so their slots are part of every figure. Weft is measured on its default
 * (work-stealing) executor and on a single-threaded one.
 */
public final class HeapPerTask implements ProcessMeasurement {
    private static final List<String> SIDES = List.of("weft", "weftSingleThreaded", "virtualThreads", "kotlin");

    @Override
    public String run(Profile profile, Path jar) throws Exception {
        Map<String, Double> bytes = new LinkedHashMap<>();
        for (String side : SIDES) {
            List<String> jvm = new ArrayList<>(List.of("-Xms6g", "-Xmx6g", "-XX:+UseG1GC"));
            if (side.startsWith("weft")) {
                jvm.add("-javaagent:" + jar);
            }
            bytes.put(side, Double.parseDouble(ChildJvm.run(jar, jvm, SuspendedTasks.class, side)));
        }
        StringBuilder md = new StringBuilder("## Heap per suspended task\n\n");
        md.append(String.format("%,d tasks each suspended on its own one-shot; retained heap after a full GC"
                + " (MemoryMXBean), one fresh JVM per implementation.%n%n", SuspendedTasks.TASKS));
        md.append("| Implementation | Bytes per task | Ratio to Weft |\n|---|---:|---:|\n");
        double weft = bytes.get("weft");
        bytes.forEach((side, b) -> md.append("| ").append(side).append(" | ").append(ResultsFormat.number(b))
                .append(" | ").append(side.startsWith("weft") ? "" : ResultsFormat.ratio(b / weft)).append(" |\n"));
        return md.toString();
    }
}
