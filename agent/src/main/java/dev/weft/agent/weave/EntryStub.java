package dev.weft.agent.weave;

import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * The code that replaces a coroutine method's original body: {@code return new Frame(this, args)}
 * for a lazy coroutine, {@code return EagerCoroutine.start(new Frame(this, args))} for one that
 * returns a {@code CompletableFuture}, and {@code return (T) EagerCoroutine.start(new Frame(this,
 * args), new T())} for one that returns {@code T}, a subclass of it; {@code return
 * Emit.generator(new Frame(..))} and {@code return Emit.stream(new Frame(..))} for generators and
 * streams ({@link FrameConstruction} says how the frame is made).
 */
final class EntryStub {
    private EntryStub() {}

    static MethodNode create(MethodNode original, String frameClass, List<Type> entry, FrameLayout layout,
            CoroutineKind kind) {
        MethodNode stub = new MethodNode(original.access, original.name, original.desc, original.signature,
                original.exceptions.toArray(new String[0]));
        stub.parameters = original.parameters;
        stub.visibleAnnotations = original.visibleAnnotations;
        stub.invisibleAnnotations = original.invisibleAnnotations;
        stub.visibleParameterAnnotations = original.visibleParameterAnnotations;
        stub.invisibleParameterAnnotations = original.invisibleParameterAnnotations;
        stub.visibleAnnotableParameterCount = original.visibleAnnotableParameterCount;
        stub.invisibleAnnotableParameterCount = original.invisibleAnnotableParameterCount;
        stub.visibleTypeAnnotations = original.visibleTypeAnnotations;
        stub.invisibleTypeAnnotations = original.invisibleTypeAnnotations;
        InsnList code = stub.instructions;
        int line = firstLine(original);
        if (line > 0) {
            LabelNode l = new LabelNode();
            code.add(l);
            code.add(new LineNumberNode(line, l));
        }
        code.add(FrameConstruction.newFrame(frameClass, entry, layout));
        String subclass = kind == CoroutineKind.EAGER ? CoroutineKind.resultSubclass(original) : null;
        if (kind == CoroutineKind.EAGER) {
            // the verifier would load the frame class to check it against Coroutine; it is not defined yet
            code.add(new TypeInsnNode(Opcodes.CHECKCAST, AwaitCalls.COROUTINE));
        }
        if (subclass != null) {
            code.add(new TypeInsnNode(Opcodes.NEW, subclass));
            code.add(new InsnNode(Opcodes.DUP));
            code.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, subclass, "<init>", "()V", false));
            code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, AwaitCalls.EAGER, "start", "(L" + AwaitCalls.COROUTINE
                    + ";Ljava/util/concurrent/CompletableFuture;)Ljava/util/concurrent/CompletableFuture;", false));
            code.add(new TypeInsnNode(Opcodes.CHECKCAST, subclass));
        } else if (kind == CoroutineKind.EAGER) {
            code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, AwaitCalls.EAGER, "start",
                    "(L" + AwaitCalls.COROUTINE + ";)Ljava/util/concurrent/CompletableFuture;", false));
        } else if (kind.emits()) {
            boolean generator = kind == CoroutineKind.GENERATOR;
            code.add(new TypeInsnNode(Opcodes.CHECKCAST, AwaitCalls.COROUTINE));
            code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, AwaitCalls.EMIT_HELPER, generator ? "generator" : "stream",
                    "(L" + AwaitCalls.COROUTINE + ";)L" + (generator ? AwaitCalls.GENERATOR : AwaitCalls.ASYNC_STREAM) + ";",
                    false));
        }
        code.add(new InsnNode(Opcodes.ARETURN));
        return stub;
    }

    private static int firstLine(MethodNode m) {
        for (AbstractInsnNode insn = m.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn instanceof LineNumberNode ln) {
                return ln.line;
            }
        }
        return -1;
    }
}
