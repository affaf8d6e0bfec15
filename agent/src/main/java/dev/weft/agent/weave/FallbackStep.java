package dev.weft.agent.weave;

import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Carries out a {@link WeavePlan} whose weave failed: the original class with every await a
 * throw. Misplaced awaits say what they would have said; the planned coroutines' awaits say that
 * weaving FAILED and why. The rewrite keeps the operand stack's shape, so the original stack-map
 * frames stay valid and writing needs no class hierarchy.
 */
final class FallbackStep {
    private FallbackStep() {}

    /**
     * @param host a fresh copy of the class, not the one the failed weave changed
     * @throws WeaveException when even the fallback does not verify
     */
    static ClassWeaver.Result write(ClassNode host, WeavePlan plan, WeaveFailure failed, ClassHierarchy hierarchy) {
        AwaitRewrites rewrites = new AwaitRewrites(host);
        for (WeavePlan.MethodPlan p : plan.methods()) {
            MethodNode m = host.methods.get(p.method());
            AbstractInsnNode[] insns = m.instructions.toArray();
            rewrites.misplace(m, insns, p);
            for (int a : p.awaits()) {
                rewrites.rewrite(m, insns[a], "Weft: weaving FAILED at " + rewrites.where(m, insns[a]) + ": "
                        + failed.describe()
                        + ". The class was loaded unwoven, so this await cannot suspend (a Weft bug; please report it)");
            }
        }
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        host.accept(writer);
        byte[] bytes = writer.toByteArray();
        WovenCodeVerifier.Problem p = WovenCodeVerifier.check(bytes, rewrites.changedKeys(), hierarchy);
        if (p != null) {
            throw new WeaveException(failed.describe() + "; and the unwoven fallback does not verify either: "
                    + p.method() + ": " + p.complaint());
        }
        String log = "Weft: weaving FAILED for " + host.name.replace('/', '.') + ": " + failed.describe()
                + ". The class loads unwoven; each of its awaits throws IllegalStateException saying so.";
        return new ClassWeaver.Result(bytes, List.of(), rewrites.misuses(), List.of(), List.of(log));
    }
}
