package dev.weft.agent.weave;

import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;

/** The names the weave looks for in user code and the runtime entry points it calls instead. */
final class AwaitCalls {
    static final String ASYNC = "dev/weft/Async";
    static final String FUTURE = "dev/weft/Future";
    static final String CONTEXT = "dev/weft/Context";
    static final String COROUTINE = "dev/weft/woven/Coroutine";
    static final String AWAIT_HELPER = "dev/weft/woven/Await";
    static final String EAGER = "dev/weft/woven/EagerCoroutine";
    static final String FRAMES = "dev/weft/woven/Frames";
    /**
     * {@code Await.poll(future, cx, frame)}. The frame goes as {@code Object}: the host's body is
     * verified before its static initializer defines the frame class, so the verifier must not need
     * to know that the frame is a {@code Coroutine}.
     */
    static final String AWAIT_POLL_DESC = "(Ljava/lang/Object;Ldev/weft/Context;Ljava/lang/Object;)Ljava/lang/Object;";
    static final String LINE_TABLE = "dev/weft/woven/LineTable";
    static final String GENERATOR = "dev/weft/Generator";
    static final String ASYNC_STREAM = "dev/weft/AsyncStream";
    /** The runtime side of emit ({@code dev.weft.woven.Emit}). */
    static final String EMIT_HELPER = "dev/weft/woven/Emit";
    static final String EMIT_DESC = "(Ljava/lang/Object;)V";
    static final String AWAIT_FUTURE_DESC = "(Ldev/weft/Future;)Ljava/lang/Object;";
    /** {@code await(FallibleFuture)}, the overload declaring {@code throws X}; woven as a Future await. */
    static final String AWAIT_FALLIBLE_DESC = "(Ldev/weft/FallibleFuture;)Ljava/lang/Object;";
    static final String AWAIT_STAGE_DESC = "(Ljava/util/concurrent/CompletionStage;)Ljava/lang/Object;";
    static final String READY_DESC = "(Ljava/lang/Object;)Ldev/weft/Future;";
    static final String COMPLETED_FUTURE_DESC = "(Ljava/lang/Object;)Ljava/util/concurrent/CompletableFuture;";

    private AwaitCalls() {}

    /**
     * A call of any {@code Async.await} overload. The checked exception an overload declares is a
     * matter for javac alone: each is woven the same, as a poll of a future or of a stage.
     */
    static boolean isAwait(AbstractInsnNode insn) {
        return insn instanceof MethodInsnNode m && m.getOpcode() == Opcodes.INVOKESTATIC
                && m.owner.equals(ASYNC) && m.name.equals("await")
                && (m.desc.equals(AWAIT_FUTURE_DESC) || m.desc.equals(AWAIT_FALLIBLE_DESC)
                        || m.desc.equals(AWAIT_STAGE_DESC));
    }

    static boolean isStageAwait(AbstractInsnNode insn) {
        return isAwait(insn) && ((MethodInsnNode) insn).desc.equals(AWAIT_STAGE_DESC);
    }

    /** {@code Async.ready(x)}, or {@code CompletableFuture.completedFuture(x)}: a value already there. */
    static boolean isReadyValue(AbstractInsnNode insn) {
        if (!(insn instanceof MethodInsnNode m) || m.getOpcode() != Opcodes.INVOKESTATIC) {
            return false;
        }
        return (m.owner.equals(ASYNC) && m.name.equals("ready") && m.desc.equals(READY_DESC))
                || (m.owner.equals("java/util/concurrent/CompletableFuture") && m.name.equals("completedFuture")
                        && m.desc.equals(COMPLETED_FUTURE_DESC));
    }

    /** A call of {@code Generator.emit} or {@code AsyncStream.emit}, the same call under two names. */
    static boolean isEmit(AbstractInsnNode insn) {
        return insn instanceof MethodInsnNode m && m.getOpcode() == Opcodes.INVOKESTATIC
                && isEmitOwner(m.owner) && m.name.equals("emit") && m.desc.equals(EMIT_DESC);
    }

    /** {@code Generator.done()} or {@code AsyncStream.done()}: the end of a generator or stream body. */
    static boolean isDone(AbstractInsnNode insn) {
        return insn instanceof MethodInsnNode m && m.getOpcode() == Opcodes.INVOKESTATIC
                && isEmitOwner(m.owner) && m.name.equals("done") && m.desc.equals("()L" + m.owner + ";");
    }

    private static boolean isEmitOwner(String owner) {
        return owner.equals(GENERATOR) || owner.equals(ASYNC_STREAM);
    }

    /** {@code Async::await} as a method reference (or any handle to it in an invokedynamic). */
    static boolean isAwaitReference(AbstractInsnNode insn) {
        return references(insn, ASYNC, "await");
    }

    /** {@code Generator::emit} (or {@code AsyncStream::emit}) as a method reference. */
    static boolean isEmitReference(AbstractInsnNode insn) {
        return references(insn, GENERATOR, "emit") || references(insn, ASYNC_STREAM, "emit");
    }

    private static boolean references(AbstractInsnNode insn, String owner, String name) {
        if (!(insn instanceof InvokeDynamicInsnNode indy)) {
            return false;
        }
        for (Object arg : indy.bsmArgs) {
            if (arg instanceof Handle h && h.getOwner().equals(owner) && h.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
