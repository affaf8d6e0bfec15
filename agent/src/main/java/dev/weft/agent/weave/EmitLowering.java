package dev.weft.agent.weave;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Makes every emit of a generator or stream body an await, so that the rest of the pipeline
 * (spilling, liveness, frame layout, the state machine) treats it as one more suspension point.
 *
 * <p>Two passes. {@link #toAwaits} runs first and turns {@code emit(x)} into
 * {@code await(Emit.value(x)); pop}. The element must reach the consumer through the body's
 * context, which only the state machine has, so {@link #passContext}, run after
 * {@link StateMachineEmitter}, gives each {@code Emit.value} call the context argument: the
 * element goes into the context's slot and the await of the returned future suspends.
 */
final class EmitLowering {
    private static final String VALUE = "value";
    private static final String VALUE_DESC = "(Ljava/lang/Object;)L" + AwaitCalls.FUTURE + ";";
    private static final String VALUE_IN_CONTEXT_DESC =
            "(Ljava/lang/Object;L" + AwaitCalls.CONTEXT + ";)L" + AwaitCalls.FUTURE + ";";

    private EmitLowering() {}

    static void toAwaits(MethodNode m) {
        for (AbstractInsnNode insn : m.instructions.toArray()) {
            if (AwaitCalls.isEmit(insn)) {
                InsnList await = new InsnList();
                await.add(new MethodInsnNode(Opcodes.INVOKESTATIC, AwaitCalls.EMIT_HELPER, VALUE, VALUE_DESC, false));
                await.add(new MethodInsnNode(Opcodes.INVOKESTATIC, AwaitCalls.ASYNC, "await",
                        AwaitCalls.AWAIT_FUTURE_DESC, false));
                await.add(new InsnNode(Opcodes.POP));
                m.instructions.insertBefore(insn, await);
                m.instructions.remove(insn);
            }
        }
    }

    static void passContext(MethodNode body) {
        for (AbstractInsnNode insn : body.instructions.toArray()) {
            if (insn instanceof MethodInsnNode call && call.owner.equals(AwaitCalls.EMIT_HELPER)
                    && call.name.equals(VALUE) && call.desc.equals(VALUE_DESC)) {
                body.instructions.insertBefore(call, new VarInsnNode(Opcodes.ALOAD, StateMachineEmitter.CX));
                call.desc = VALUE_IN_CONTEXT_DESC;
            }
        }
    }
}
