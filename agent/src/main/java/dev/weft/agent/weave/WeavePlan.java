package dev.weft.agent.weave;

import java.util.ArrayList;
import java.util.Collections;
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
 * so methods and instructions are named by position, not by node. The plan also holds the
 * warnings about legal code that misleads ({@link ThrowsClauseCheck}).
 */
final class WeavePlan {
    /** An await that cannot suspend: its instruction's index in the method, and why. */
    record Misplaced(int insn, String reason) {}

    /**
     * One method that mentions {@code await} or {@code emit}: its index in the class's methods, its
     * coroutine kind and the indices of its suspension points (awaits, and a generator's or
     * stream's emits) when it is woven ({@code kind} null when it is not), and its misplaced calls.
     */
    record MethodPlan(int method, CoroutineKind kind, List<Integer> awaits, List<Misplaced> misplaced) {
        boolean weaves() {
            return kind != null;
        }
    }

    private final List<MethodPlan> methods;
    private final List<String> warnings;

    private WeavePlan(List<MethodPlan> methods, List<String> warnings) {
        this.methods = methods;
        this.warnings = warnings;
    }

    static WeavePlan of(ClassNode host, ClassHierarchy hierarchy) {
        List<MethodPlan> methods = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (int i = 0; i < host.methods.size(); i++) {
            MethodPlan p = plan(host, i, hierarchy);
            if (p != null) {
                methods.add(p);
            }
            if (p != null && p.weaves() && !p.kind().emits()) {
                MethodNode m = host.methods.get(i);
                String warning = ThrowsClauseCheck.warning(host, m, m.instructions.get(p.awaits().get(0)), hierarchy);
                if (warning != null) {
                    warnings.add(warning);
                }
            }
        }
        return new WeavePlan(methods, warnings);
    }

    /** Warnings to log about the woven methods, in class order. */
    List<String> warnings() {
        return warnings;
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
        List<Integer> emits = new ArrayList<>();
        List<Misplaced> misplaced = new ArrayList<>();
        AbstractInsnNode[] insns = m.instructions.toArray();
        for (int i = 0; i < insns.length; i++) {
            if (AwaitCalls.isAwaitReference(insns[i])) {
                misplaced.add(new Misplaced(i, "Async::await used as a method reference; await can only be called directly"));
            } else if (AwaitCalls.isEmitReference(insns[i])) {
                misplaced.add(new Misplaced(i, "emit used as a method reference; emit can only be called directly"));
            } else if (AwaitCalls.isAwait(insns[i])) {
                awaits.add(i);
            } else if (AwaitCalls.isEmit(insns[i])) {
                emits.add(i);
            }
        }
        if (awaits.isEmpty() && emits.isEmpty()) {
            return misplaced.isEmpty() ? null : new MethodPlan(index, null, List.of(), misplaced);
        }
        CoroutineKind kind = CoroutineKind.of(m, hierarchy);
        if (kind == CoroutineKind.GENERATOR) {
            misplaceAll(awaits, misplaced, MisuseCheck.AWAIT_IN_GENERATOR);
        } else if (kind != CoroutineKind.STREAM) {
            misplaceAll(emits, misplaced, MisuseCheck.emitProblem(m));
        }
        List<Integer> sites = new ArrayList<>(awaits);
        sites.addAll(emits);
        Collections.sort(sites);
        if (sites.isEmpty()) {
            return new MethodPlan(index, null, List.of(), misplaced);
        }
        IntFunction<String> call = a -> emits.contains(a) ? "emit" : "await";
        String awaitProblem = MisuseCheck.methodProblem(host, m, hierarchy, "await");
        if (awaitProblem != null) {
            String emitProblem = MisuseCheck.methodProblem(host, m, hierarchy, "emit");
            return notWoven(index, sites, misplaced, a -> emits.contains(a) ? emitProblem : awaitProblem);
        }
        List<Integer> locked = MisuseCheck.awaitsHoldingMonitors(m, sites);
        if (!locked.isEmpty()) {
            String first = call.apply(locked.get(0)) + " inside a synchronized block at "
                    + SourceLines.where(host.name, m.name, host.sourceFile, insns[locked.get(0)]);
            return notWoven(index, sites, misplaced, a -> locked.contains(a) ? call.apply(a) + " inside a synchronized block"
                    : "method not woven because of the " + first);
        }
        return new MethodPlan(index, kind, sites, misplaced);
    }

    /** Every call in {@code sites} is misplaced for {@code reason}; the list is emptied. */
    private static void misplaceAll(List<Integer> sites, List<Misplaced> misplaced, String reason) {
        for (int a : sites) {
            misplaced.add(new Misplaced(a, reason));
        }
        sites.clear();
    }

    private static MethodPlan notWoven(int index, List<Integer> awaits, List<Misplaced> misplaced,
            IntFunction<String> reason) {
        for (int a : awaits) {
            misplaced.add(new Misplaced(a, reason.apply(a)));
        }
        return new MethodPlan(index, null, List.of(), misplaced);
    }
}
