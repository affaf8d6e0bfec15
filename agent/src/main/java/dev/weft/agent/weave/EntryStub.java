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
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The code that replaces a coroutine method's original body: {@code return new Frame(this, args)}
 * for a lazy coroutine, {@code return EagerCoroutine.start(new Frame(this, args))} for one that
 * returns a {@code CompletableFuture}.
 */
final class EntryStub {
    private EntryStub() {}

    static MethodNode create(MethodNode original, String frameClass, List<Type> entry, CoroutineKind kind) {
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
        code.add(new TypeInsnNode(Opcodes.NEW, frameClass));
        code.add(new InsnNode(Opcodes.DUP));
        int local = 0;
        for (Type t : entry) {
            code.add(new VarInsnNode(t.getOpcode(Opcodes.ILOAD), local));
            local += t.getSize();
        }
        code.add(new MethodInsnNode(Opcodes.INVOKESPECIAL, frameClass, "<init>",
                FrameClassGenerator.constructorDesc(entry), false));
        if (kind == CoroutineKind.EAGER) {
            // the verifier would load the frame class to check it against Coroutine; it is not defined yet
            code.add(new TypeInsnNode(Opcodes.CHECKCAST, AwaitCalls.COROUTINE));
            code.add(new MethodInsnNode(Opcodes.INVOKESTATIC, AwaitCalls.EAGER, "start",
                    "(L" + AwaitCalls.COROUTINE + ";)Ljava/util/concurrent/CompletableFuture;", false));
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
