package dev.weft.agent.weave;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * What weaving one class will do, decided before anything in it changes: which methods become
 * coroutines, and which awaits are misplaced and why. Building the plan reads the class and
 * changes nothing. The weave step ({@link WeaveStep}) carries it out; when that fails, the
 * fallback step ({@link FallbackStep}) carries the same plan out on a fresh copy of the class,
 * so methods and instructions are named by position, not by node.
 */
final class WeavePlan {
    /** An await that cannot suspend: its instruction's index in the method, and why. */
    record Misplaced(int insn, String reason) {}

    /**
     * One method that mentions {@code await}: its index in the class's methods, its coroutine kind
     * and the indices of its awaits when it is woven ({@code kind} null when it is not), and its
     * misplaced awaits.
     */
    record MethodPlan(int method, CoroutineKind kind, List<Integer> awaits, List<Misplaced> misplaced) {
        boolean weaves() {
            return kind != null;
        }
    }

    private final List<MethodPlan> methods;

    private WeavePlan(List<MethodPlan> methods) {
        this.methods = methods;
    }

    static WeavePlan of(ClassNode host, ClassHierarchy hierarchy) {
        List<MethodPlan> methods = new ArrayList<>();
        for (int i = 0; i < host.methods.size(); i++) {
            MethodPlan p = plan(host, i, hierarchy);
            if (p != null) {
                methods.add(p);
            }
        }
        return new WeavePlan(methods);
    }

    /** The methods that mention await, in class order. */
    List<MethodPlan> methods() {
        return methods;
    }

    /** Whether the class needs no change: nothing in it mentions await. */
    boolean isEmpty() {
        return methods.isEmpty();
    }

    private static MethodPlan plan(ClassNode host, int index, ClassHierarchy hierarchy) {
        MethodNode m = host.methods.get(index);
        List<Integer> awaits = new ArrayList<>();
        List<Misplaced> misplaced = new ArrayList<>();
        AbstractInsnNode[] insns = m.instructions.toArray();
        for (int i = 0; i < insns.length; i++) {
            if (AwaitCalls.isAwaitReference(insns[i])) {
                misplaced.add(new Misplaced(i, "Async::await used as a method reference; await can only be called directly"));
            } else if (AwaitCalls.isAwait(insns[i])) {
                awaits.add(i);
            }
        }
        if (awaits.isEmpty()) {
            return misplaced.isEmpty() ? null : new MethodPlan(index, null, List.of(), misplaced);
        }
        String problem = MisuseCheck.methodProblem(host, m, hierarchy);
        if (problem != null) {
            return notWoven(index, awaits, misplaced, a -> problem);
        }
        List<Integer> locked = MisuseCheck.awaitsHoldingMonitors(m, awaits);
        if (!locked.isEmpty()) {
            String first = SourceLines.where(host.name, m.name, host.sourceFile, insns[locked.get(0)]);
            return notWoven(index, awaits, misplaced, a -> locked.contains(a) ? "await inside a synchronized block"
                    : "method not woven because of the await inside a synchronized block at " + first);
        }
        return new MethodPlan(index, CoroutineKind.of(m, hierarchy), awaits, misplaced);
    }

    private static MethodPlan notWoven(int index, List<Integer> awaits, List<Misplaced> misplaced,
            IntFunction<String> reason) {
        for (int a : awaits) {
            misplaced.add(new Misplaced(a, reason.apply(a)));
        }
        return new MethodPlan(index, null, List.of(), misplaced);
    }
}
