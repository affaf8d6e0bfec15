package dev.weft.agent;

/**
 * Tells the runtime why the agent left a class that calls {@code await} unwoven, so that
 * {@code Async.await} reached there says so instead of blaming load order. The agent cannot call
 * the runtime (it may not be visible to the agent's loader), so the reason goes where both can
 * read it: a system property named by the class ({@code weft.agent.notWoven.<binary name>}),
 * which {@code dev.weft.Async} reads.
 */
final class NotWovenReasons {
    static final String PREFIX = "weft.agent.notWoven.";

    private NotWovenReasons() {}

    static void record(String internalName, String reason) {
        System.setProperty(PREFIX + internalName.replace('/', '.'), reason);
    }
}
