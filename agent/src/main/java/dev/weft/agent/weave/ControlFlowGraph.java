package dev.weft.agent.weave;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;

/**
 * Successors of each instruction of a method, by index in its {@link InsnList}: the normal ones
 * (fall-through, jump and switch targets) and the exception handlers an exception thrown there
 * can reach. The JVM takes the first handler in table order whose type matches, so handlers after
 * the first catch-all covering an instruction are never reached from it: javac's catch-any
 * handler of a {@code synchronized} block shadows the handlers of an enclosing {@code try}.
 */
final class ControlFlowGraph {
    private final int[][] normal;
    private final int[][] handlers;

    ControlFlowGraph(MethodNode m) {
        InsnList insns = m.instructions;
        int n = insns.size();
        normal = new int[n][];
        handlers = new int[n][];
        List<List<Integer>> handlerLists = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            handlerLists.add(new ArrayList<>(0));
        }
        boolean[] caughtAll = new boolean[n];
        for (TryCatchBlockNode tcb : m.tryCatchBlocks) {
            int start = insns.indexOf(tcb.start);
            int end = insns.indexOf(tcb.end);
            int handler = insns.indexOf(tcb.handler);
            boolean catchAll = tcb.type == null || tcb.type.equals("java/lang/Throwable");
            for (int i = start; i < end; i++) {
                if (!caughtAll[i]) {
                    handlerLists.get(i).add(handler);
                    caughtAll[i] = catchAll;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            normal[i] = successors(insns, i);
            handlers[i] = handlerLists.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    int size() {
        return normal.length;
    }

    int[] normalSuccessors(int i) {
        return normal[i];
    }

    int[] handlerSuccessors(int i) {
        return handlers[i];
    }

    private static int[] successors(InsnList insns, int i) {
        AbstractInsnNode insn = insns.get(i);
        List<Integer> out = new ArrayList<>(2);
        int op = insn.getOpcode();
        if (insn instanceof JumpInsnNode j) {
            out.add(insns.indexOf(j.label));
            if (op != Opcodes.GOTO && op != Opcodes.JSR) {
                out.add(i + 1);
            }
        } else if (insn instanceof TableSwitchInsnNode t) {
            out.add(insns.indexOf(t.dflt));
            for (LabelNode l : t.labels) {
                out.add(insns.indexOf(l));
            }
        } else if (insn instanceof LookupSwitchInsnNode l) {
            out.add(insns.indexOf(l.dflt));
            for (LabelNode label : l.labels) {
                out.add(insns.indexOf(label));
            }
        } else if (!endsFlow(op) && i + 1 < insns.size()) {
            out.add(i + 1);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean endsFlow(int op) {
        return (op >= Opcodes.IRETURN && op <= Opcodes.RETURN) || op == Opcodes.ATHROW || op == Opcodes.RET;
    }
}
