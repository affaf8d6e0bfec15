package dev.weft.agent;

import java.io.File;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
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
 * <p>{@link #install()} self-attaches through byte-buddy-agent, attaching the agent jar itself when
 * this class was loaded from it by the system class loader. On JDK 21 and later the JVM prints a
 * warning about a dynamically loaded agent; start the JVM with {@code -XX:+EnableDynamicAgentLoading}
 * to allow it silently (a future JDK may refuse dynamic loading without that flag), or prefer
 * {@code -javaagent}.
 */
public final class WeftAgent {
    /** Only a flag: the agent keeps no {@code Instrumentation} that other class-path code could reach. */
    private static boolean installed;
    private static final Object INSTALLING = new Object();

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
    public static void install() {
        synchronized (INSTALLING) { // not the class lock: agentmain takes that while attach waits for it
            if (isInstalled()) {
                return;
            }
            String options = System.getProperty("weft.agent.options");
            File jar = attachableJar();
            if (jar != null) {
                ByteBuddyAgent.attach(jar, ByteBuddyAgent.ProcessProvider.ForCurrentVm.INSTANCE, options);
            }
            if (!isInstalled()) {
                start(options, ByteBuddyAgent.install()); // byte-buddy-agent keeps this Instrumentation
            }
        }
    }

    /**
     * The jar this class came from, when the JVM can attach it as the agent itself (it names this
     * class as Agent-Class and is on the system class path, so agentmain runs in this very class):
     * then no one but the JVM and {@link #agentmain} ever holds the {@code Instrumentation}.
     * Null otherwise (classes in a directory, a jar without the attribute, a child loader).
     */
    private static File attachableJar() {
        try {
            if (WeftAgent.class.getClassLoader() != ClassLoader.getSystemClassLoader()) {
                return null;
            }
            File location = new File(WeftAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!location.isFile()) {
                return null;
            }
            try (JarFile jar = new JarFile(location)) {
                Manifest manifest = jar.getManifest();
                boolean names = manifest != null
                        && WeftAgent.class.getName().equals(manifest.getMainAttributes().getValue("Agent-Class"));
                return names ? location : null;
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return null;
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
