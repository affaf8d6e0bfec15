package dev.weft.agent.weave;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Weaves one class: every method that calls {@code await} becomes a state machine with its own
 * frame class, and every misplaced {@code await} becomes a throw with a message naming the class,
 * method and source line. Returns null when the class needs no change.
 */
public final class ClassWeaver {
    /** A frame class to define next to the host. */
    public record GeneratedClass(String name, byte[] bytes) {}

    /** The woven host, its frame classes, and what to report. */
    public record Result(byte[] bytes, List<GeneratedClass> frames, List<String> misuses, List<String> woven) {}

    private final ClassNode host = new ClassNode();
    private final ClassHierarchy hierarchy;
    private final List<GeneratedClass> frames = new ArrayList<>();
    private final List<String> misuses = new ArrayList<>();
    private final List<String> woven = new ArrayList<>();
    private final Set<String> frameNames = new HashSet<>();
    private boolean changed;

    private ClassWeaver(ClassHierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    /**
     * @throws WeaveException when the class cannot be woven; the caller leaves it as it was
     */
    public static Result weave(byte[] classFile, ClassHierarchy hierarchy) {
        return new ClassWeaver(hierarchy).run(classFile);
    }

    private Result run(byte[] classFile) {
        new ClassReader(classFile).accept(host, 0);
        hierarchy.add(host.name, host.superName, host.access);
        List<MethodNode> methods = new ArrayList<>(host.methods);
        for (MethodNode m : methods) {
            weaveMethod(m);
        }
        if (!changed) {
            return null;
        }
        HierarchyClassWriter writer = new HierarchyClassWriter(hierarchy);
        host.accept(writer);
        return new Result(writer.toByteArray(), frames, misuses, woven);
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
        String problem = MisuseCheck.methodProblem(m);
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
        weaveCoroutine(m, CoroutineKind.of(m));
    }

    private void weaveCoroutine(MethodNode m, CoroutineKind kind) {
        MethodWeaver.WovenMethod w = MethodWeaver.weave(host, m, kind, frameName(m), hierarchy);
        int index = host.methods.indexOf(m);
        host.methods.set(index, w.stub());
        host.methods.add(w.body());
        frames.add(new GeneratedClass(w.frameClass(), w.frameBytes()));
        woven.add(host.name.replace('/', '.') + "." + m.name + m.desc + ": " + w.awaitCount()
                + " await point(s), frame " + w.frameClass().replace('/', '.') + " fields " + w.fields());
        changed = true;
    }

    private void reportMisuse(MethodNode m, AbstractInsnNode site, String reason) {
        String message = "Weft: misplaced await at " + SourceLines.where(host.name, m.name, host.sourceFile, site)
                + ": " + reason;
        misuses.add(message);
        MisuseRewriter.replace(m, site, message);
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
