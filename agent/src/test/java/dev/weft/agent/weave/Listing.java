package dev.weft.agent.weave;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.stream.Collectors;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceMethodVisitor;

/** A method's instructions as ASM's Textifier prints them, for golden listings of one pass's output. */
final class Listing {
    private Listing() {}

    static String of(MethodNode m) {
        Textifier text = new Textifier();
        TraceMethodVisitor trace = new TraceMethodVisitor(text);
        m.instructions.accept(trace);
        StringWriter out = new StringWriter();
        text.print(new PrintWriter(out));
        return out.toString().lines().map(String::strip).collect(Collectors.joining("\n")).strip();
    }
}
