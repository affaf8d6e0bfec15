package dev.weft.agent;

import dev.weft.agent.weave.AsyncReferenceScan;
import dev.weft.agent.weave.ClassHierarchy;
import dev.weft.agent.weave.ClassWeaver;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.WeakHashMap;
import org.objectweb.asm.ClassReader;

/**
 * The agent's {@link ClassFileTransformer}: rejects classes that never mention
 * {@code dev/weft/Async} by a constant-pool scan, weaves the rest (the woven host defines its own
 * frame classes when it is initialized), and reports misplaced awaits.
 *
 * <p>It never throws and never returns bytes that failed verification: whatever goes wrong while
 * weaving a class, {@code Error}s included, that class loads with its original code, the reason is
 * logged, and its awaits throw an {@code IllegalStateException} giving that reason. Skipped are
 * only classes of the boot and platform loaders (they cannot see the Weft runtime) and the agent's
 * own; a skipped class that mentions {@code Async} is logged with the reason too.
 */
final class WeftTransformer implements ClassFileTransformer {
    private static final Logger LOG = System.getLogger("dev.weft.agent");
    private static final String AGENT_PACKAGE = "dev/weft/agent/";
    private static final ClassLoader PLATFORM = ClassLoader.getPlatformClassLoader();

    /** Weaves one class; {@link ClassWeaver#weave} except in tests, which make it fail. */
    interface Weaver {
        ClassWeaver.Result weave(byte[] classFile, ClassHierarchy hierarchy);
    }

    private final AgentOptions options;
    private final Weaver weaver;
    private final ClassDump dump;
    /** Weak keys, and values that hold their loader only weakly: a loader that goes away is collected. */
    private final Map<ClassLoader, ClassHierarchy> hierarchies = new WeakHashMap<>();

    WeftTransformer(AgentOptions options) {
        this(options, ClassWeaver::weave);
    }

    WeftTransformer(AgentOptions options, Weaver weaver) {
        this.options = options;
        this.weaver = weaver;
        this.dump = options.dumpDir() == null ? null : new ClassDump(options.dumpDir());
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain domain, byte[] classFile) {
        if (classBeingRedefined != null || (className != null && className.startsWith(AGENT_PACKAGE))) {
            return null;
        }
        String name = className;
        try {
            if (!AsyncReferenceScan.mentionsAsync(classFile)) {
                return null;
            }
            if (name == null) {
                name = new ClassReader(classFile).getClassName(); // defined with a null name: the bytes name it
            }
            if (loader == null || loader == PLATFORM) {
                skip(name, "classes of the boot and platform class loaders are never woven (they cannot see "
                        + "the Weft runtime); load it with the application class loader");
                return null;
            }
            return weave(loader, name, classFile);
        } catch (Throwable t) {
            leaveUnwoven(name, t);
            return null;
        }
    }

    private byte[] weave(ClassLoader loader, String name, byte[] classFile) {
        ClassWeaver.Result result = weaver.weave(classFile, hierarchy(loader));
        if (result == null) {
            return null;
        }
        if (dump != null) {
            result.frames().forEach(frame -> dump.write(frame.name(), frame.bytes()));
            dump.write(name, result.bytes());
        }
        result.failures().forEach(f -> LOG.log(Level.ERROR, f));
        result.misuses().forEach(m -> LOG.log(Level.WARNING, m));
        result.warnings().forEach(w -> LOG.log(Level.WARNING, w));
        if (options.verbose()) {
            result.woven().forEach(w -> LOG.log(Level.INFO, "Weft wove " + w));
        }
        return result.bytes();
    }

    private static void skip(String name, String reason) {
        NotWovenReasons.record(name, "skipped: " + reason);
        LOG.log(Level.WARNING, "Weft skipped " + name.replace('/', '.') + ", which uses dev.weft.Async: " + reason);
    }

    /** The last line of defence: nothing may escape, not even from describing what went wrong. */
    private static void leaveUnwoven(String name, Throwable t) {
        try {
            String who = name == null ? "a class defined without a name" : name.replace('/', '.');
            String described = describe(t);
            String reason = "weaving FAILED: " + (described != null ? described : t.getClass().getName());
            if (name != null) {
                NotWovenReasons.record(name, reason);
            }
            // a Throwable that cannot print itself would cost the log line, not just its stack trace
            LOG.log(Level.ERROR, "Weft left " + who + " unwoven, " + reason, described != null ? t : null);
        } catch (Throwable ignored) {
            // out of memory or stack even for the log line: the class still loads, unwoven
        }
    }

    /** {@code t.toString()}, or null when even that throws. */
    private static String describe(Throwable t) {
        try {
            return t.toString();
        } catch (Throwable broken) {
            return null;
        }
    }

    private synchronized ClassHierarchy hierarchy(ClassLoader loader) {
        return hierarchies.computeIfAbsent(loader, ClassHierarchy::new);
    }
}
