package dev.weft.agent;

import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * The Weft agent: weaves every method that calls {@code Async.await} as its class loads.
 *
 * <p>Attach it with {@code -javaagent:weft-agent.jar} (options: {@code verbose}, {@code dump=DIR}),
 * name it in an executable jar's {@code Launcher-Agent-Class}, or install it from code before any
 * class that awaits is loaded:
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     WeftAgent.install();
 *     App.run();   // App and everything it loads from here on is woven
 * }
 * }</pre>
 *
 * <p>{@link #install()} self-attaches through byte-buddy-agent. On JDK 21 and later the JVM prints a
 * warning about a dynamically loaded agent; start the JVM with {@code -XX:+EnableDynamicAgentLoading}
 * to allow it silently (a future JDK may refuse dynamic loading without that flag), or prefer
 * {@code -javaagent}.
 */
public final class WeftAgent {
    /** Only a flag: the agent keeps no {@code Instrumentation} that other class-path code could reach. */
    private static boolean installed;

    private WeftAgent() {}

    public static void premain(String args, Instrumentation inst) {
        start(args, inst);
    }

    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst);
    }

    /**
     * Attaches the agent to the running JVM if it is not attached yet; later calls do nothing.
     * Classes loaded before this call are not woven.
     */
    public static synchronized void install() {
        if (!installed) {
            start(System.getProperty("weft.agent.options"), ByteBuddyAgent.install());
        }
    }

    /** Whether the agent is active in this JVM. */
    public static synchronized boolean isInstalled() {
        return installed;
    }

    private static synchronized void start(String args, Instrumentation inst) {
        if (installed) {
            return;
        }
        AgentOptions options = AgentOptions.parse(args);
        inst.addTransformer(new WeftTransformer(options), false);
        installed = true;
        System.setProperty("weft.agent.installed", "true");
    }
}
