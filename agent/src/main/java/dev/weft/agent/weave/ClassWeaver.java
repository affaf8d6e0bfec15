package dev.weft.agent.weave;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassTooLargeException;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodTooLargeException;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Weaves one class: every method that calls {@code await} becomes a state machine with its own
 * frame class, and every misplaced {@code await} becomes a throw with a message naming the class,
 * method and source line. Returns null when the class needs no change, or carries the
 * {@link WovenMarker} that every class it writes (woven or fallback) has.
 *
 * <p>The woven bytes are verified ({@link WovenCodeVerifier}) before they are returned. When a
 * method cannot be woven or its woven code does not verify, the whole class falls back to its
 * original code with each {@code await} replaced by a throw saying that weaving FAILED and why;
 * the class still loads and everything in it that does not await works as written. Any
 * {@code Throwable} from the weave, an {@code OutOfMemoryError} or {@code StackOverflowError} of
 * the analyses included, leads to that fallback: none reaches the code loading the class.
 */
public final class ClassWeaver {
    /** A frame class, defined by its host's static initializer ({@link FrameEmbedding}). */
    public record GeneratedClass(String name, byte[] bytes) {}

    /** The woven host, its frame classes, and what to report. */
    public record Result(byte[] bytes, List<GeneratedClass> frames, List<String> misuses, List<String> woven,
            List<String> failures) {}

    /** Why weaving the class failed: the method at fault (null when none is) and the reason. */
    private record Failure(String method, String reason) {
        String describe() {
            return (method != null ? "weaving " + method : "writing the woven class") + " failed: " + reason;
        }
    }

    private final ClassNode host = new ClassNode();
    private final ClassHierarchy hierarchy;
    private final Consumer<MethodNode> bodyHook;
    /** Set when this weaver writes the fallback of a class whose weave failed. */
    private final Failure failed;
    private final List<GeneratedClass> frames = new ArrayList<>();
    private final List<String> misuses = new ArrayList<>();
    private final List<String> woven = new ArrayList<>();
    private final Set<String> frameNames = new HashSet<>();
    /** {@code name + desc} of every host method this weave wrote, mapped to the user method it came from. */
    private final Map<String, String> changedMethods = new HashMap<>();
    /** Frame class name to the user method it holds the frame of. */
    private final Map<String, String> frameOwners = new HashMap<>();
    private boolean changed;
    /** The written class, once {@link #weaveAll} or {@link #writeFallback} wrote it. */
    private byte[] bytes;

    private ClassWeaver(ClassHierarchy hierarchy, Consumer<MethodNode> bodyHook, Failure failed) {
        this.hierarchy = hierarchy;
        this.bodyHook = bodyHook;
        this.failed = failed;
    }

    /**
     * @throws RuntimeException when the class file cannot be parsed, or when even its fallback does
     *     not verify or throws; the caller leaves it as it was
     */
    public static Result weave(byte[] classFile, ClassHierarchy hierarchy) {
        return weave(classFile, hierarchy, body -> {});
    }

    /**
     * Test seam: {@code bodyHook} sees each woven body before the class is written, so a test can
     * break the woven code and watch the verification and fallback handle it.
     */
    static Result weave(byte[] classFile, ClassHierarchy hierarchy, Consumer<MethodNode> bodyHook) {
        if (WovenMarker.isWoven(classFile)) {
            return null; // woven at build time, or by an earlier weave: weaving again would find no await
        }
        ClassWeaver weaver = new ClassWeaver(hierarchy, bodyHook, null);
        weaver.read(classFile);
        Failure failure = weaver.weaveAll();
        if (failure == null) {
            return weaver.result();
        }
        weaver = null; // what the failed weave built may be what exhausted the heap
        try {
            ClassWeaver fallback = new ClassWeaver(hierarchy, bodyHook, failure);
            fallback.read(classFile);
            return fallback.writeFallback();
        } catch (WeaveException e) {
            throw e;
        } catch (Throwable e) {
            throw new WeaveException(failure.describe() + "; and writing the unwoven fallback failed too: "
                    + reasonOf(e), e);
        }
    }

    private void read(byte[] classFile) {
        new ClassReader(classFile).accept(host, 0);
        hierarchy.add(host.name, host.superName, host.access);
        WovenMarker.mark(host);
    }

    private Result result() {
        return changed ? new Result(bytes, frames, misuses, woven, List.of()) : null;
    }

    /** Weaves, writes and verifies; returns why that failed, or null when {@link #bytes} are good. */
    private Failure weaveAll() {
        List<MethodNode> methods = new ArrayList<>(host.methods);
        for (MethodNode m : methods) {
            try {
                weaveMethod(m);
            } catch (Throwable e) {
                return new Failure(describe(m), reasonOf(e));
            }
        }
        if (!changed) {
            return null;
        }
        if (!frames.isEmpty()) {
            FrameEmbedding.embed(host, frames);
            changedMethods.put(FrameEmbedding.CLINIT + "()V", host.name.replace('/', '.') + ".<clinit>()V");
        }
        try {
            HierarchyClassWriter writer = new HierarchyClassWriter(hierarchy);
            host.accept(writer);
            bytes = writer.toByteArray();
        } catch (MethodTooLargeException e) {
            return new Failure(changedMethods.get(e.getMethodName() + e.getDescriptor()), ClassFileLimits.describe(e));
        } catch (ClassTooLargeException e) {
            return new Failure(null, ClassFileLimits.describe(e));
        } catch (Throwable e) {
            return new Failure(null, reasonOf(e));
        }
        try {
            return verify();
        } catch (Throwable e) {
            return new Failure(null, "verifying the woven code failed: " + reasonOf(e));
        }
    }

    private Failure verify() {
        for (GeneratedClass frame : frames) {
            WovenCodeVerifier.Problem p = WovenCodeVerifier.check(frame.bytes(), null, hierarchy);
            if (p != null) {
                return new Failure(frameOwners.get(frame.name()), notVerifying(p));
            }
        }
        WovenCodeVerifier.Problem p = WovenCodeVerifier.check(bytes, changedMethods.keySet(), hierarchy);
        return p == null ? null : new Failure(changedMethods.get(p.methodName() + p.methodDesc()), notVerifying(p));
    }

    private static String notVerifying(WovenCodeVerifier.Problem p) {
        return "the woven code does not verify: " + p.method() + ": " + p.complaint();
    }

    private static String reasonOf(Throwable e) {
        if (e instanceof VirtualMachineError) {
            return "the weaver ran out of resources (" + e + ")";
        }
        return e instanceof WeaveException ? e.getMessage() : e.toString();
    }

    private String describe(MethodNode m) {
        return host.name.replace('/', '.') + "." + m.name + m.desc;
    }

    /**
     * The original class with every await a throw: misplaced ones say what they said before, the
     * rest say that weaving failed. The rewrite keeps the operand stack's shape, so the original
     * stack-map frames stay valid and nothing needs the class hierarchy.
     */
    private Result writeFallback() {
        for (MethodNode m : new ArrayList<>(host.methods)) {
            weaveMethod(m);
        }
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        host.accept(writer);
        bytes = writer.toByteArray();
        WovenCodeVerifier.Problem p = WovenCodeVerifier.check(bytes, changedMethods.keySet(), hierarchy);
        if (p != null) {
            throw new WeaveException(failed.describe() + "; and the unwoven fallback does not verify either: "
                    + p.method() + ": " + p.complaint());
        }
        String log = "Weft: weaving FAILED for " + host.name.replace('/', '.') + ": " + failed.describe()
                + ". The class loads unwoven; each of its awaits throws IllegalStateException saying so.";
        return new Result(bytes, List.of(), misuses, List.of(), List.of(log));
    }

    private void weaveMethod(MethodNode m) {
        List<AbstractInsnNode> awaits = new ArrayList<>();
        for (AbstractInsnNode insn : m.instructions.toArray()) {
            if (AwaitCalls.isAwaitReference(insn)) {
                reportMisuse(m, insn, "Async::await used as a method reference; await can only be called directly");
            } else if (AwaitCalls.isAwait(insn)) {
                awaits.add(insn);
            }
        }
        if (awaits.isEmpty()) {
            return;
        }
        String problem = MisuseCheck.methodProblem(host, m, hierarchy);
        if (problem != null) {
            awaits.forEach(a -> reportMisuse(m, a, problem));
            return;
        }
        List<AbstractInsnNode> locked = MisuseCheck.awaitsHoldingMonitors(m, awaits);
        if (!locked.isEmpty()) {
            String first = SourceLines.where(host.name, m.name, host.sourceFile, locked.get(0));
            for (AbstractInsnNode a : awaits) {
                reportMisuse(m, a, locked.contains(a) ? "await inside a synchronized block"
                        : "method not woven because of the await inside a synchronized block at " + first);
            }
            return;
        }
        if (failed != null) {
            awaits.forEach(a -> rewriteAwait(m, a, "Weft: weaving FAILED at "
                    + SourceLines.where(host.name, m.name, host.sourceFile, a) + ": " + failed.describe()
                    + ". The class was loaded unwoven, so this await cannot suspend (a Weft bug; please report it)"));
            return;
        }
        weaveCoroutine(m, CoroutineKind.of(m, hierarchy));
    }

    private void weaveCoroutine(MethodNode m, CoroutineKind kind) {
        MethodWeaver.WovenMethod w = MethodWeaver.weave(host, m, kind, frameName(m), hierarchy);
        bodyHook.accept(w.body());
        int index = host.methods.indexOf(m);
        host.methods.set(index, w.stub());
        host.methods.add(w.body());
        changedMethods.put(WovenCodeVerifier.key(w.stub()), describe(m));
        changedMethods.put(WovenCodeVerifier.key(w.body()), describe(m));
        frameOwners.put(w.frameClass(), describe(m));
        frames.add(new GeneratedClass(w.frameClass(), w.frameBytes()));
        woven.add(host.name.replace('/', '.') + "." + m.name + m.desc + ": " + w.awaitCount()
                + " await point(s), frame " + w.frameClass().replace('/', '.') + " fields " + w.fields());
        changed = true;
    }

    private void reportMisuse(MethodNode m, AbstractInsnNode site, String reason) {
        String message = "Weft: misplaced await at " + SourceLines.where(host.name, m.name, host.sourceFile, site)
                + ": " + reason;
        misuses.add(message);
        rewriteAwait(m, site, message);
    }

    private void rewriteAwait(MethodNode m, AbstractInsnNode site, String message) {
        MisuseRewriter.replace(m, site, message);
        changedMethods.put(WovenCodeVerifier.key(m), describe(m));
        changed = true;
    }

    private String frameName(MethodNode m) {
        String base = host.name + "$" + m.name + "$Weft";
        String name = base;
        for (int i = 1; !frameNames.add(name); i++) {
            name = base + i;
        }
        return name;
    }
}
