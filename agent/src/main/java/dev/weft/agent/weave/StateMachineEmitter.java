package dev.weft.agent.weave;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Turns a normalized coroutine method into its resumable body
 * {@code static Object m(Object frame, Context cx)}: the original locals move up by two; a
 * {@code tableswitch} on the frame's state, placed before every try range, restores the saved
 * locals and jumps back into the await site; each await site polls its future and either
 * continues with the value or saves the live locals and returns {@code SUSPENDED}.
 *
 * <p>Await sites whose saved locals are the same (same locals, types and fields) share one block
 * of restore code in the dispatch and one block of save code at the end of the method, so the
 * woven code grows with the number of distinct live sets, not with awaits times live values. A
 * suspending site pushes its state number and jumps to its save block; a shared restore block
 * ends in a second switch on the state that picks the site to resume.
 *
 * <p>The frame parameter is declared {@code Object} and cast on entry: the frame class is defined
 * by the host's static initializer, so nothing that inspects the host before then (the verifier,
 * {@code getDeclaredMethods}) may need to load it.
 */
final class StateMachineEmitter {
    static final int FRAME = 0;
    static final int CX = 1;
    private static final int SHIFT = 2;
    private static final String OBJECT_DESC = "Ljava/lang/Object;";

    private final MethodNode m;
    private final String frameClass;
    private final FrameLayout layout;
    private final List<AwaitSite> sites;
    private final int futureLocal;
    private final LabelNode[] resumeLabels;
    /** The states of each distinct live set, in order of first appearance; state 0 is alone in the first. */
    private final List<List<Integer>> sharedStates;
    private final LabelNode[] saveLabels;
    private final LabelNode bad = new LabelNode();
    private final SiteLines lines;

    private StateMachineEmitter(MethodNode m, String frameClass, FrameLayout layout, List<AwaitSite> sites,
            SiteLines lines) {
        this.m = m;
        this.lines = lines;
        this.frameClass = frameClass;
        this.layout = layout;
        this.sites = sites;
        this.futureLocal = m.maxLocals + SHIFT;
        this.resumeLabels = new LabelNode[sites.size() + 1];
        this.sharedStates = statesBySlots(layout);
        this.saveLabels = new LabelNode[sharedStates.size()];
    }

    private static List<List<Integer>> statesBySlots(FrameLayout layout) {
        Map<List<FrameLayout.Slot>, List<Integer>> bySlots = new LinkedHashMap<>();
        List<List<Integer>> out = new ArrayList<>();
        out.add(List.of(0));
        for (int k = 1; k < layout.stateCount(); k++) {
            bySlots.computeIfAbsent(layout.slots(k), s -> new ArrayList<>()).add(k);
        }
        out.addAll(bySlots.values());
        return out;
    }

    /** Rewrites {@code m} in place; {@code sites} are its await sites, site k at index k-1. */
    static void emit(MethodNode m, String frameClass, FrameLayout layout, List<AwaitSite> sites, SiteLines lines,
            boolean hostIsInterface) {
        new StateMachineEmitter(m, frameClass, layout, sites, lines).rewrite(hostIsInterface);
    }

    private void rewrite(boolean hostIsInterface) {
        shiftLocals();
        for (int g = 1; g < saveLabels.length; g++) {
            saveLabels[g] = new LabelNode();
        }
        int[] saveOf = new int[sites.size() + 1];
        for (int g = 1; g < sharedStates.size(); g++) {
            for (int k : sharedStates.get(g)) {
                saveOf[k] = g;
            }
        }
        for (int k = 1; k <= sites.size(); k++) {
            AbstractInsnNode await = sites.get(k - 1).insn();
            resumeLabels[k] = new LabelNode();
            m.instructions.insertBefore(await, awaitSite(k, await, saveLabels[saveOf[k]]));
            m.instructions.remove(await);
        }
        for (int g = 1; g < sharedStates.size(); g++) {
            m.instructions.add(saveBlock(g));
        }
        m.instructions.insert(dispatch());
        m.maxLocals = futureLocal + 1;
        m.desc = "(" + OBJECT_DESC + "L" + AwaitCalls.CONTEXT + ";)" + OBJECT_DESC;
        m.access = Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC | (hostIsInterface ? Opcodes.ACC_PUBLIC : 0);
        m.signature = null;
        m.exceptions.clear();
        m.parameters = null;
        m.visibleAnnotations = null;
        m.invisibleAnnotations = null;
        m.visibleParameterAnnotations = null;
        m.invisibleParameterAnnotations = null;
        m.visibleAnnotableParameterCount = 0;
        m.invisibleAnnotableParameterCount = 0;
        m.visibleLocalVariableAnnotations = null;
        m.invisibleLocalVariableAnnotations = null;
        m.visibleTypeAnnotations = null;
        m.invisibleTypeAnnotations = null;
        m.annotationDefault = null;
    }

    private void shiftLocals() {
        for (AbstractInsnNode insn : m.instructions.toArray()) {
            if (insn instanceof VarInsnNode v) {
                v.var += SHIFT;
            } else if (insn instanceof IincInsnNode inc) {
                inc.var += SHIFT;
            } else if (insn instanceof FrameNode) {
                m.instructions.remove(insn);
            }
        }
        if (m.localVariables != null) {
            for (LocalVariableNode lv : m.localVariables) {
                lv.index += SHIFT;
            }
        }
    }

    /** Entry: jump on the state to the code that restores its locals, then into the code. */
    private InsnList dispatch() {
        InsnList out = new InsnList();
        LabelNode start = new LabelNode();
        LabelNode[] restore = new LabelNode[layout.stateCount()];
        LabelNode[] shared = new LabelNode[sharedStates.size()];
        for (int g = 0; g < shared.length; g++) {
            shared[g] = new LabelNode();
            for (int s : sharedStates.get(g)) {
                restore[s] = shared[g];
            }
        }
        out.add(new VarInsnNode(Opcodes.ALOAD, FRAME));
        out.add(new TypeInsnNode(Opcodes.CHECKCAST, frameClass));
        out.add(new VarInsnNode(Opcodes.ASTORE, FRAME));
        out.add(new VarInsnNode(Opcodes.ALOAD, FRAME));
        out.add(new FieldInsnNode(Opcodes.GETFIELD, frameClass, FrameClassGenerator.STATE, "I"));
        out.add(new TableSwitchInsnNode(0, restore.length - 1, bad, restore));
        out.add(bad);
        out.add(new LdcInsnNode("Weft: " + frameClass.replace('/', '.') + " resumed in an unknown state"));
        out.add(new MethodInsnNode(Opcodes.INVOKESTATIC, AwaitCalls.AWAIT_HELPER, "misuse",
                "(Ljava/lang/String;)Ljava/lang/Object;", false));
        out.add(new InsnNode(Opcodes.ARETURN));
        out.add(shared[0]);
        restoreLocals(out, 0);
        out.add(new JumpInsnNode(Opcodes.GOTO, start));
        for (int g = 1; g < shared.length; g++) {
            out.add(shared[g]);
            restoreShared(out, sharedStates.get(g));
        }
        out.add(start);
        return out;
    }

    /** Restores one live set, takes back the awaited future, and resumes at the state's site. */
    private void restoreShared(InsnList out, List<Integer> states) {
        restoreLocals(out, states.get(0));
        out.add(new VarInsnNode(Opcodes.ALOAD, FRAME));
        out.add(new FieldInsnNode(Opcodes.GETFIELD, frameClass, FrameClassGenerator.AWAITING, OBJECT_DESC));
        out.add(new VarInsnNode(Opcodes.ASTORE, futureLocal));
        out.add(new VarInsnNode(Opcodes.ALOAD, FRAME));
        out.add(new InsnNode(Opcodes.ACONST_NULL));
        out.add(new FieldInsnNode(Opcodes.PUTFIELD, frameClass, FrameClassGenerator.AWAITING, OBJECT_DESC));
        if (states.size() == 1) {
            out.add(new JumpInsnNode(Opcodes.GOTO, resumeLabels[states.get(0)]));
            return;
        }
        int[] keys = states.stream().mapToInt(Integer::intValue).toArray();
        LabelNode[] targets = states.stream().map(k -> resumeLabels[k]).toArray(LabelNode[]::new);
        out.add(new VarInsnNode(Opcodes.ALOAD, FRAME));
        out.add(new FieldInsnNode(Opcodes.GETFIELD, frameClass, FrameClassGenerator.STATE, "I"));
        out.add(new LookupSwitchInsnNode(bad, keys, targets));
    }

    private void restoreLocals(InsnList out, int state) {
        for (FrameLayout.Slot slot : layout.slots(state)) {
            if (slot.field() < 0) {
                out.add(new InsnNode(Opcodes.ACONST_NULL));
            } else {
                out.add(new VarInsnNode(Opcodes.ALOAD, FRAME));
                out.add(new FieldInsnNode(Opcodes.GETFIELD, frameClass, slot.fieldName(), slot.fieldDesc()));
                if (slot.needsCast()) {
                    out.add(new TypeInsnNode(Opcodes.CHECKCAST, slot.type().getSort() == Type.ARRAY
                            ? slot.type().getDescriptor() : slot.type().getInternalName()));
                }
            }
            out.add(new VarInsnNode(slot.kind().storeOpcode(), slot.local() + SHIFT));
        }
    }

    /** Poll the future; on Ready continue with its value, on Pending go save the live locals as state k. */
    private InsnList awaitSite(int k, AbstractInsnNode await, LabelNode save) {
        InsnList out = new InsnList();
        LabelNode ready = new LabelNode();
        if (AwaitCalls.isStageAwait(await)) {
            out.add(new MethodInsnNode(Opcodes.INVOKESTATIC, AwaitCalls.AWAIT_HELPER, "stage",
                    "(Ljava/util/concurrent/CompletionStage;)L" + AwaitCalls.FUTURE + ";", false));
        }
        out.add(new VarInsnNode(Opcodes.ASTORE, futureLocal));
        out.add(resumeLabels[k]);
        out.add(new VarInsnNode(Opcodes.ALOAD, futureLocal));
        out.add(new VarInsnNode(Opcodes.ALOAD, CX));
        out.add(new VarInsnNode(Opcodes.ALOAD, FRAME));
        out.add(new MethodInsnNode(Opcodes.INVOKESTATIC, AwaitCalls.AWAIT_HELPER, "poll",
                AwaitCalls.AWAIT_POLL_DESC, false));
        out.add(new InsnNode(Opcodes.DUP));
        out.add(new FieldInsnNode(Opcodes.GETSTATIC, AwaitCalls.COROUTINE, "SUSPENDED", OBJECT_DESC));
        out.add(new JumpInsnNode(Opcodes.IF_ACMPNE, ready));
        out.add(new InsnNode(Opcodes.POP));
        out.add(new LdcInsnNode(k));
        out.add(new JumpInsnNode(Opcodes.GOTO, save));
        out.add(ready);
        return out;
    }

    /**
     * With the state number on the stack: record it, save the live set, and return SUSPENDED. Placed
     * after the method's last line, the block would stop a debugger stepping over a suspending
     * await on that last line; so when all its awaits are on one line it carries that line, and
     * the step leaves the method. A block shared by awaits on several lines carries none: a
     * breakpoint on the line it carried would stop whenever any of the others suspends.
     */
    private InsnList saveBlock(int shared) {
        InsnList out = new InsnList();
        out.add(saveLabels[shared]);
        int line = lines.common(sharedStates.get(shared));
        if (line > 0) {
            out.add(new LineNumberNode(line, saveLabels[shared]));
        }
        out.add(new VarInsnNode(Opcodes.ALOAD, FRAME));
        out.add(new InsnNode(Opcodes.SWAP));
        out.add(new FieldInsnNode(Opcodes.PUTFIELD, frameClass, FrameClassGenerator.STATE, "I"));
        saveLocals(out, sharedStates.get(shared).get(0));
        out.add(new VarInsnNode(Opcodes.ALOAD, FRAME));
        out.add(new VarInsnNode(Opcodes.ALOAD, futureLocal));
        out.add(new FieldInsnNode(Opcodes.PUTFIELD, frameClass, FrameClassGenerator.AWAITING, OBJECT_DESC));
        out.add(new FieldInsnNode(Opcodes.GETSTATIC, AwaitCalls.COROUTINE, "SUSPENDED", OBJECT_DESC));
        out.add(new InsnNode(Opcodes.ARETURN));
        return out;
    }

    private void saveLocals(InsnList out, int state) {
        for (FrameLayout.Slot slot : layout.slots(state)) {
            if (slot.field() >= 0) {
                out.add(new VarInsnNode(Opcodes.ALOAD, FRAME));
                out.add(new VarInsnNode(slot.kind().loadOpcode, slot.local() + SHIFT));
                out.add(new FieldInsnNode(Opcodes.PUTFIELD, frameClass, slot.fieldName(), slot.fieldDesc()));
            }
        }
        for (FrameLayout.Field field : layout.fieldsToClear(state)) {
            out.add(new VarInsnNode(Opcodes.ALOAD, FRAME));
            out.add(new InsnNode(Opcodes.ACONST_NULL));
            out.add(new FieldInsnNode(Opcodes.PUTFIELD, frameClass, field.name(), field.desc()));
        }
    }
}
