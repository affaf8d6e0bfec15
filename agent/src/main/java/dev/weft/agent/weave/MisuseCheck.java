package dev.weft.agent.weave;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/** The places {@code await} cannot be woven, each with the reason users will read. */
final class MisuseCheck {
    private MisuseCheck() {}

    /** Why no await in {@code m} can be woven, or null when the method can be a coroutine. */
    static String methodProblem(ClassNode host, MethodNode m, ClassHierarchy hierarchy) {
        if (m.name.equals("<init>")) {
            return "await in a constructor; move the async work to a factory method returning Future";
        }
        if (m.name.equals("<clinit>")) {
            return "await in a static initializer";
        }
        if ((m.access & Opcodes.ACC_SYNCHRONIZED) != 0) {
            return "await in a synchronized method; a suspended coroutine cannot hold a monitor";
        }
        CoroutineKind kind = CoroutineKind.of(m, hierarchy);
        if (kind == null) {
            return "await in a method returning " + Type.getReturnType(m.desc).getClassName()
                    + "; a method that awaits must return dev.weft.Future, CompletableFuture (or a subclass)"
                    + " or CompletionStage";
        }
        String subclass = kind == CoroutineKind.EAGER ? CoroutineKind.resultSubclass(m) : null;
        String uncreatable = subclass != null ? ResultCreation.problem(host, subclass, hierarchy) : null;
        return uncreatable != null ? "await in a method returning " + uncreatable : null;
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
