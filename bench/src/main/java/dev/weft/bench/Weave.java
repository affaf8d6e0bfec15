package dev.weft.bench;

import dev.weft.agent.WeftAgent;

/**
 * Makes sure the agent is in place before any class holding an {@code await} loads.
 *
 * <p>Benchmark classes call {@link #ensure()} from a static initializer and keep their woven code
 * in separate classes (named {@code *Tasks}), which the JVM loads lazily, after the agent is in.
 * A benchmark JVM started with {@code -javaagent:weft-benchmarks.jar} skips the self-attach.
 */
public final class Weave {
    private Weave() {}

    public static void ensure() {
        if (!Boolean.getBoolean("weft.agent.installed")) {
            WeftAgent.install();
        }
    }
}
