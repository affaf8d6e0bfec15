package dev.weft.bench;

import dev.weft.agent.WeftAgent;

/**
 * Makes sure the agent is in place before any class holding an {@code await} loads.
 *
 * <p>Benchmark classes call {@link #ensure()} from a static initializer and keep their woven code
 * in separate classes (named {@code *Tasks}), which the JVM loads lazily, after the agent is in.
 * A benchmark JVM started with {@code -javaagent:weft-benchmarks.jar} already has the agent, and
 * {@code install()} then does nothing.
 */
public final class Weave {
    private Weave() {}

    public static void ensure() {
        WeftAgent.install();
    }
}
