package dev.weft.agent;

import dev.weft.agent.weave.AsyncReferenceScan;
import dev.weft.agent.weave.ClassHierarchy;
import dev.weft.agent.weave.ClassWeaver;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.lang.instrument.ClassFileTransformer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The agent's {@link ClassFileTransformer}: rejects classes that never mention
 * {@code dev/weft/Async} by a constant-pool scan, weaves the rest, defines their frame classes,
 * and reports misplaced awaits. It never throws and never returns bytes that failed verification:
 * a class whose weave fails loads with its original code, its awaits throwing a message that says
 * weaving FAILED and why, and the same message is logged.
 */
final class WeftTransformer implements ClassFileTransformer {
    private static final Logger LOG = System.getLogger("dev.weft.agent");

    private final AgentOptions options;
    private final FrameClassDefiner definer;
    private final Map<ClassLoader, ClassHierarchy> hierarchies = new WeakHashMap<>();

    WeftTransformer(AgentOptions options, FrameClassDefiner definer) {
        this.options = options;
        this.definer = definer;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
            ProtectionDomain domain, byte[] classFile) {
        if (loader == null || className == null || classBeingRedefined != null || isExcluded(className)
                || !AsyncReferenceScan.mentionsAsync(classFile)) {
            return null;
        }
        try {
            ClassWeaver.Result result = ClassWeaver.weave(classFile, hierarchy(loader));
            if (result == null) {
                return null;
            }
            for (ClassWeaver.GeneratedClass frame : result.frames()) {
                dump(frame.name(), frame.bytes());
                definer.define(loader, frame.name(), frame.bytes(), domain);
            }
            dump(className, result.bytes());
            result.failures().forEach(f -> LOG.log(Level.ERROR, f));
            result.misuses().forEach(m -> LOG.log(Level.WARNING, m));
            if (options.verbose()) {
                result.woven().forEach(w -> LOG.log(Level.INFO, "Weft wove " + w));
            }
            return result.bytes();
        } catch (Throwable t) {
            LOG.log(Level.ERROR, "Weft left " + className.replace('/', '.') + " unwoven: " + t, t);
            return null;
        }
    }

    /** JDK classes and Weft's own runtime and agent are never woven. */
    static boolean isExcluded(String className) {
        return className.startsWith("java/") || className.startsWith("javax/") || className.startsWith("jdk/")
                || className.startsWith("sun/") || className.startsWith("com/sun/")
                || className.startsWith("dev/weft/woven/") || className.startsWith("dev/weft/agent/")
                || className.startsWith("dev/weft/net/") || className.startsWith("dev/weft/sync/")
                || className.startsWith("dev/weft/time/") || className.startsWith("dev/weft/scheduler/")
                || className.startsWith("dev/weft/reactor/")
                || (className.startsWith("dev/weft/") && className.indexOf('/', "dev/weft/".length()) < 0);
    }

    private synchronized ClassHierarchy hierarchy(ClassLoader loader) {
        return hierarchies.computeIfAbsent(loader, ClassHierarchy::new);
    }

    private void dump(String internalName, byte[] bytes) {
        if (options.dumpDir() == null) {
            return;
        }
        Path file = options.dumpDir().resolve(internalName + ".class");
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Weft could not dump " + file + ": " + e);
        }
    }
}
