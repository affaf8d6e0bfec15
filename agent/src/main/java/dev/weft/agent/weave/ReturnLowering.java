package dev.weft.agent.weave;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Makes every {@code areturn} of a coroutine body return the output itself. {@code return ready(x)}
 * (or {@code completedFuture(x)}) drops the wrapper, so it allocates nothing; returning any other
 * future becomes an implicit final await of it. A generator's or stream's {@code return done()}
 * returns null, the end; any other generator or stream it returns is the output, which its driver
 * continues with.
 */
final class ReturnLowering {
    private ReturnLowering() {}

    static void apply(MethodNode m, CoroutineKind kind) {
        for (AbstractInsnNode insn : m.instructions.toArray()) {
            if (insn.getOpcode() != Opcodes.ARETURN) {
                continue;
            }
            AbstractInsnNode prev = insn.getPrevious();
            if (kind.emits()) {
                if (prev != null && AwaitCalls.isDone(prev)) {
                    m.instructions.set(prev, new InsnNode(Opcodes.ACONST_NULL));
                }
            } else if (prev != null && AwaitCalls.isReadyValue(prev)) {
                m.instructions.remove(prev);
            } else {
                String desc = kind == CoroutineKind.LAZY ? AwaitCalls.AWAIT_FUTURE_DESC : AwaitCalls.AWAIT_STAGE_DESC;
                m.instructions.insertBefore(insn,
                        new MethodInsnNode(Opcodes.INVOKESTATIC, AwaitCalls.ASYNC, "await", desc, false));
            }
        }
    }
}
