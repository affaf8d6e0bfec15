package dev.weft.agent.weave;

import dev.weft.agent.weave.AllocationFrames.Uninitialized;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * Sinks each {@code new} whose object is still uninitialized at an await down to its constructor
 * call, since an uninitialized object cannot be saved in a frame ({@code new X(a, await(f))}).
 *
 * <p>The object is followed by data flow ({@link AllocationFrames}), not by instruction shape:
 * javac emits {@code new; dup}, and stores the object in locals before a switch expression holding
 * a {@code try}; other tools keep any number of copies on the stack, under other values, and in
 * locals. For each such allocation:
 * <ul>
 *   <li>the {@code new} becomes {@code new X; pop}, so the class is still initialized where the
 *       program says (JLS 12.4.1), before the arguments run; the host class needs no such step;
 *   <li>every copy of the object disappears: loads and stores of it are removed, and a stack
 *       instruction moving it ({@code dup}, {@code swap}, ...) becomes what it does to the other
 *       values;
 *   <li>the constructor call parks its arguments (and any values between it and the deepest copy)
 *       in fresh locals, allocates the object, and puts a copy back wherever the original code
 *       had one when the constructor returned, on the stack and in locals.
 * </ul>
 */
final class NewSinking {
    private NewSinking() {}

    /** An instruction that makes, copies or constructs an uninitialized object, with its frame before it. */
    private record Use(AbstractInsnNode insn, Frame<BasicValue> frame) {}

    static void apply(String owner, MethodNode m) {
        if (!allocates(m)) {
            return; // most coroutines: spare them an analysis
        }
        Frame<BasicValue>[] frames = AllocationFrames.of(owner, m);
        Set<Uninitialized> sunk = new HashSet<>();
        List<Use> uses = new ArrayList<>();
        for (int i = 0; i < frames.length; i++) {
            AbstractInsnNode insn = m.instructions.get(i);
            if (frames[i] == null) {
                continue;
            }
            if (AwaitCalls.isAwait(insn)) {
                sunk.addAll(uninitializedIn(frames[i]));
            } else if (touchesUninitialized(insn, frames[i])) {
                uses.add(new Use(insn, frames[i]));
            }
        }
        if (sunk.isEmpty()) {
            return;
        }
        Set<AbstractInsnNode> sunkNews = new HashSet<>();
        sunk.forEach(u -> sunkNews.add(u.newInsn));
        for (Use use : uses) {
            rewrite(owner, m, use, sunk, sunkNews);
        }
    }

    private static void rewrite(String owner, MethodNode m, Use use, Set<Uninitialized> sunk,
            Set<AbstractInsnNode> sunkNews) {
        AbstractInsnNode insn = use.insn();
        Frame<BasicValue> f = use.frame();
        int op = insn.getOpcode();
        if (op == Opcodes.NEW) {
            if (sunkNews.contains(insn)) {
                initializeClassOnly(owner, m, (TypeInsnNode) insn);
            }
        } else if (op == Opcodes.ALOAD) {
            if (sunk.contains(f.getLocal(((VarInsnNode) insn).var))) {
                m.instructions.remove(insn);
            }
        } else if (op == Opcodes.ASTORE) {
            if (sunk.contains(top(f))) {
                m.instructions.remove(insn);
            }
        } else if (StackShuffle.isShuffle(op)) {
            reshuffle(m, insn, f, sunk);
        } else if (sunk.contains(f.getStack(receiverIndex((MethodInsnNode) insn, f)))) {
            construct(m, (MethodInsnNode) insn, f, sunk);
        }
    }

    /** {@code new X; pop}: the class initialization the {@code new} triggers stays where it was. */
    private static void initializeClassOnly(String owner, MethodNode m, TypeInsnNode newInsn) {
        if (!newInsn.desc.equals(owner)) {
            m.instructions.insert(newInsn, new InsnNode(Opcodes.POP));
        } else {
            m.instructions.remove(newInsn);
        }
    }

    /** Replaces a stack instruction by what it does to the values that remain once the sunk objects are gone. */
    private static void reshuffle(MethodNode m, AbstractInsnNode insn, Frame<BasicValue> f, Set<Uninitialized> sunk) {
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < f.getStackSize(); i++) {
            if (!sunk.contains(f.getStack(i))) {
                kept.add(i);
            }
        }
        if (kept.size() == f.getStackSize()) {
            return;
        }
        List<Integer> after = new ArrayList<>(StackShuffle.apply(insn.getOpcode(), sizes(f, allPositions(f))));
        after.retainAll(kept);
        if (kept.equals(after)) {
            m.instructions.remove(insn);
            return;
        }
        int[] keptSizes = sizes(f, kept);
        for (int candidate : candidates(insn.getOpcode())) {
            List<Integer> r = StackShuffle.apply(candidate, keptSizes);
            if (r != null && positions(r, kept).equals(after)) {
                m.instructions.set(insn, new InsnNode(candidate));
                return;
            }
        }
        // no single instruction does it: through fresh locals, from the first position that changes
        int same = 0;
        while (same < kept.size() && same < after.size() && kept.get(same).equals(after.get(same))) {
            same++;
        }
        for (int k = same; k < after.size(); k++) {
            same = Math.min(same, kept.indexOf(after.get(k))); // a value copied from below the prefix
        }
        int[] slots = new int[f.getStackSize()];
        InsnList code = new InsnList();
        for (int k = kept.size() - 1; k >= same; k--) {
            BasicValue v = f.getStack(kept.get(k));
            slots[kept.get(k)] = LocalSlots.allocate(m, v);
            code.add(LocalSlots.store(v, slots[kept.get(k)]));
        }
        for (int k = same; k < after.size(); k++) {
            code.add(LocalSlots.load(f.getStack(after.get(k)), slots[after.get(k)]));
        }
        m.instructions.insertBefore(insn, code);
        m.instructions.remove(insn);
    }

    /** The instruction itself first: when it still fits, it is left as it was. */
    private static int[] candidates(int opcode) {
        int[] c = new int[StackShuffle.OPCODES.length + 1];
        c[0] = opcode;
        System.arraycopy(StackShuffle.OPCODES, 0, c, 1, StackShuffle.OPCODES.length);
        return c;
    }

    /**
     * The constructor call of a sunk allocation: parks the arguments and the values above the
     * deepest copy, allocates, calls the constructor, and restores the stack and locals with the
     * object wherever a copy of it was.
     */
    private static void construct(MethodNode m, MethodInsnNode init, Frame<BasicValue> f, Set<Uninitialized> sunk) {
        int receiver = receiverIndex(init, f);
        BasicValue object = f.getStack(receiver);
        int deepest = indexOf(f, object);
        List<Integer> localCopies = new ArrayList<>();
        for (int i = 0; i < f.getLocals(); i++) {
            if (f.getLocal(i) == object) {
                localCopies.add(i);
            }
        }
        int stackCopies = 0;
        boolean presentBelow = false;
        boolean interleaved = false; // a copy above another value: needs the object in a local
        for (int i = deepest; i < receiver; i++) {
            if (f.getStack(i) == object) {
                stackCopies++;
                interleaved |= presentBelow;
            } else if (!sunk.contains(f.getStack(i))) {
                presentBelow = true;
            }
        }
        int[] slots = new int[f.getStackSize()];
        InsnList before = new InsnList();
        for (int i = f.getStackSize() - 1; i > deepest; i--) {
            if (i != receiver && !sunk.contains(f.getStack(i))) {
                slots[i] = LocalSlots.allocate(m, f.getStack(i));
                before.add(LocalSlots.store(f.getStack(i), slots[i]));
            }
        }
        before.add(new TypeInsnNode(Opcodes.NEW, init.owner));
        int dups = interleaved ? 1 : stackCopies + localCopies.size();
        for (int d = 0; d < dups; d++) {
            before.add(new InsnNode(Opcodes.DUP));
        }
        for (int i = receiver + 1; i < f.getStackSize(); i++) {
            before.add(LocalSlots.load(f.getStack(i), slots[i]));
        }
        m.instructions.insertBefore(init, before);
        m.maxStack = Math.max(m.maxStack, words(f) + dups); // the frame's words include the receiver

        InsnList after = new InsnList();
        int objectSlot = interleaved ? LocalSlots.allocate(m, object) : -1;
        if (interleaved) {
            after.add(new VarInsnNode(Opcodes.ASTORE, objectSlot));
        }
        for (int local : localCopies) {
            if (interleaved) {
                after.add(new VarInsnNode(Opcodes.ALOAD, objectSlot));
            }
            after.add(new VarInsnNode(Opcodes.ASTORE, local));
        }
        for (int i = deepest; i < receiver; i++) {
            if (f.getStack(i) == object && interleaved) {
                after.add(new VarInsnNode(Opcodes.ALOAD, objectSlot));
            } else if (f.getStack(i) != object && !sunk.contains(f.getStack(i))) {
                after.add(LocalSlots.load(f.getStack(i), slots[i]));
            }
        }
        m.instructions.insert(init, after);
    }

    private static int words(Frame<BasicValue> f) {
        int words = 0;
        for (int i = 0; i < f.getStackSize(); i++) {
            words += f.getStack(i).getSize();
        }
        return words;
    }

    private static boolean allocates(MethodNode m) {
        for (AbstractInsnNode insn = m.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn.getOpcode() == Opcodes.NEW) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(Frame<BasicValue> f, BasicValue v) {
        for (int i = 0; i < f.getStackSize(); i++) {
            if (f.getStack(i) == v) {
                return i;
            }
        }
        return -1;
    }

    private static boolean touchesUninitialized(AbstractInsnNode insn, Frame<BasicValue> f) {
        int op = insn.getOpcode();
        if (op == Opcodes.NEW) {
            return true;
        }
        if (op == Opcodes.ALOAD) {
            return f.getLocal(((VarInsnNode) insn).var) instanceof Uninitialized;
        }
        if (op == Opcodes.ASTORE) {
            return top(f) instanceof Uninitialized;
        }
        if (StackShuffle.isShuffle(op)) {
            for (int i = Math.max(0, f.getStackSize() - 4); i < f.getStackSize(); i++) {
                if (f.getStack(i) instanceof Uninitialized) {
                    return true;
                }
            }
            return false;
        }
        return AllocationFrames.isConstructorCall(insn)
                && f.getStack(receiverIndex((MethodInsnNode) insn, f)) instanceof Uninitialized;
    }

    private static List<Uninitialized> uninitializedIn(Frame<BasicValue> f) {
        List<Uninitialized> found = new ArrayList<>();
        for (int i = 0; i < f.getLocals(); i++) {
            if (f.getLocal(i) instanceof Uninitialized u) {
                found.add(u);
            }
        }
        for (int i = 0; i < f.getStackSize(); i++) {
            if (f.getStack(i) instanceof Uninitialized u) {
                found.add(u);
            }
        }
        return found;
    }

    private static int receiverIndex(MethodInsnNode init, Frame<BasicValue> f) {
        return f.getStackSize() - 1 - Type.getArgumentTypes(init.desc).length;
    }

    private static BasicValue top(Frame<BasicValue> f) {
        return f.getStack(f.getStackSize() - 1);
    }

    private static List<Integer> allPositions(Frame<BasicValue> f) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < f.getStackSize(); i++) {
            all.add(i);
        }
        return all;
    }

    private static int[] sizes(Frame<BasicValue> f, List<Integer> positions) {
        int[] sizes = new int[positions.size()];
        for (int k = 0; k < sizes.length; k++) {
            sizes[k] = f.getStack(positions.get(k)).getSize();
        }
        return sizes;
    }

    private static List<Integer> positions(List<Integer> indices, List<Integer> kept) {
        List<Integer> out = new ArrayList<>();
        for (int k : indices) {
            out.add(kept.get(k));
        }
        return out;
    }
}
