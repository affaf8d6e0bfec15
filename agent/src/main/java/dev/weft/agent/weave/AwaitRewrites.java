package dev.weft.agent.weave;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The bookkeeping both steps share: awaits that cannot suspend become throws
 * ({@link MisuseRewriter}), the misuses are collected for the log, and every method the step
 * changed is remembered, so the verifier checks those and a failure names the user method.
 */
final class AwaitRewrites {
    private final ClassNode host;
    private final List<String> misuses = new ArrayList<>();
    /** {@code name + desc} of every host method the step wrote, mapped to the user method it came from. */
    private final Map<String, String> changedMethods = new HashMap<>();

    AwaitRewrites(ClassNode host) {
        this.host = host;
    }

    /** Rewrites the plan's misplaced awaits; {@code insns} is the method's code as the plan saw it. */
    void misplace(MethodNode m, AbstractInsnNode[] insns, WeavePlan.MethodPlan plan) {
        for (WeavePlan.Misplaced x : plan.misplaced()) {
            String call = AwaitCalls.isEmit(insns[x.insn()]) || AwaitCalls.isEmitReference(insns[x.insn()]) ? "emit" : "await";
            String message = "Weft: misplaced " + call + " at " + where(m, insns[x.insn()]) + ": " + x.reason();
            misuses.add(message);
            rewrite(m, insns[x.insn()], message);
        }
    }

    void rewrite(MethodNode m, AbstractInsnNode site, String message) {
        MisuseRewriter.replace(m, site, message);
        changed(m, m);
    }

    /** Records that {@code written} is host code the step produced for the user method {@code from}. */
    void changed(MethodNode written, MethodNode from) {
        changedMethods.put(WovenCodeVerifier.key(written), describe(from));
    }

    void changed(String key, String userMethod) {
        changedMethods.put(key, userMethod);
    }

    String where(MethodNode m, AbstractInsnNode site) {
        return SourceLines.where(host.name, m.name, host.sourceFile, site);
    }

    String describe(MethodNode m) {
        return host.name.replace('/', '.') + "." + m.name + m.desc;
    }

    List<String> misuses() {
        return misuses;
    }

    Set<String> changedKeys() {
        return changedMethods.keySet();
    }

    /** The user method that host method {@code name + desc} was written for, or null. */
    String userMethod(String name, String desc) {
        return changedMethods.get(name + desc);
    }
}
