package dev.weft.agent.weave;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/** The places {@code await} and {@code emit} cannot be woven, each with the reason users will read. */
final class MisuseCheck {
    private static final String FALLIBLE_FUTURE_DESC = "Ldev/weft/FallibleFuture;";
    /** Why an await in a synchronous generator cannot be woven. */
    static final String AWAIT_IN_GENERATOR = "await in a synchronous generator, whose body runs inside"
            + " Iterator.hasNext(), which cannot wait; return dev.weft.AsyncStream to await between elements";

    private MisuseCheck() {}

    /**
     * Why no {@code call} ("await" or "emit") in {@code m} can be woven, or null when the method can
     * be a coroutine. An emit reaches this only in a method returning a generator or a stream.
     */
    static String methodProblem(ClassNode host, MethodNode m, ClassHierarchy hierarchy, String call) {
        if (m.name.equals("<init>")) {
            return "await in a constructor; move the async work to a factory method returning Future";
        }
        if (m.name.equals("<clinit>")) {
            return "await in a static initializer";
        }
        if ((m.access & Opcodes.ACC_SYNCHRONIZED) != 0) {
            return call + " in a synchronized method; a suspended coroutine cannot hold a monitor";
        }
        CoroutineKind kind = CoroutineKind.of(m, hierarchy);
        if (kind == null && Type.getReturnType(m.desc).getDescriptor().equals(FALLIBLE_FUTURE_DESC)) {
            return "await in a method returning dev.weft.FallibleFuture; return Async.fallible(() -> { ... })"
                    + " and await inside that body, which may throw the checked exception";
        }
        if (kind == null) {
            return "await in a method returning " + Type.getReturnType(m.desc).getClassName()
                    + "; a method that awaits must return dev.weft.Future, CompletableFuture (or a subclass)"
                    + " or CompletionStage";
        }
        String subclass = kind == CoroutineKind.EAGER ? CoroutineKind.resultSubclass(m) : null;
        String uncreatable = subclass != null ? ResultCreation.problem(host, subclass, hierarchy) : null;
        return uncreatable != null ? "await in a method returning " + uncreatable : null;
    }

    /** Why an emit in {@code m}, which does not return a generator or a stream, cannot be woven. */
    static String emitProblem(MethodNode m) {
        if (m.name.equals("<init>")) {
            return "emit in a constructor; only a method returning dev.weft.Generator or dev.weft.AsyncStream may emit";
        }
        if (m.name.equals("<clinit>")) {
            return "emit in a static initializer";
        }
        if ((m.access & Opcodes.ACC_SYNTHETIC) != 0 && m.name.startsWith("lambda$")) {
            return "emit inside a lambda; the lambda is a method of its own, which returns "
                    + Type.getReturnType(m.desc).getClassName() + ": emit directly in the generator method's body";
        }
        return "emit in a method returning " + Type.getReturnType(m.desc).getClassName()
                + "; a method that emits must return dev.weft.Generator or dev.weft.AsyncStream";
    }

    /** The awaits (instruction indices) reached while a {@code synchronized} block holds a monitor. */
    static List<Integer> awaitsHoldingMonitors(MethodNode m, List<Integer> awaits) {
        int[] depth = MonitorDepthAnalysis.of(m);
        List<Integer> locked = new ArrayList<>();
        for (int a : awaits) {
            if (depth[a] > 0) {
                locked.add(a);
            }
        }
        return locked;
    }
}
