package dev.weft.agent.weave;

import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.LineNumberNode;

/** Where an instruction came from in the user's source, for messages that point at a line. */
final class SourceLines {
    private SourceLines() {}

    static int lineOf(AbstractInsnNode insn) {
        for (AbstractInsnNode i = insn; i != null; i = i.getPrevious()) {
            if (i instanceof LineNumberNode ln) {
                return ln.line;
            }
        }
        return -1;
    }

    /** {@code com.example.Foo.bar(Foo.java:12)}, the shape of a stack-trace element. */
    static String where(String owner, String method, String sourceFile, AbstractInsnNode insn) {
        int line = lineOf(insn);
        String file = sourceFile != null ? sourceFile : "Unknown Source";
        return owner.replace('/', '.') + "." + method + "(" + file + (line > 0 ? ":" + line : "") + ")";
    }
}
