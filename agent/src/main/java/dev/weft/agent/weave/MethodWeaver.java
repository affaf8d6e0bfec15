package dev.weft.agent.weave;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;

/**
 * The weave of one coroutine method, as a pipeline of passes over a copy of its code:
 * make emits awaits, lower returns, sink {@code new} to its constructor call, empty the stack under awaits, analyze
 * types and liveness, lay out the frame, then emit the body, cut its local variable ranges at the resume points
 * that do not restore them, and write the frame class and the entry stub.
 */
final class MethodWeaver {
    /** What weaving one method produced. */
    record WovenMethod(MethodNode stub, MethodNode body, String frameClass, byte[] frameBytes, int awaitCount,
            List<String> fields) {}

    private MethodWeaver() {}

    static WovenMethod weave(ClassNode host, MethodNode original, CoroutineKind kind, String frameClass,
            ClassHierarchy hierarchy) {
        boolean hostIsInterface = (host.access & Opcodes.ACC_INTERFACE) != 0;
        MethodNode body = copy(original);
        if (kind.emits()) {
            EmitLowering.toAwaits(body);
        }
        ReturnLowering.apply(body, kind);
        NewSinking.apply(host.name, body);
        StackSpilling.apply(host.name, body);

        Frame<BasicValue>[] frames = BytecodeAnalysis.frames(new Analyzer<>(new TypedInterpreter(hierarchy)), host.name,
                body);
        List<AwaitSite> sites = AwaitSite.in(body, frames, LivenessAnalysis.of(body));
        List<Type> entry = entryTypes(host.name, original);
        FrameLayout layout = FrameLayout.of(entry, sites, t -> hierarchy.isNameableFrom(t, host.name));
        hierarchy.add(frameClass, AwaitCalls.COROUTINE, Opcodes.ACC_FINAL);
        SiteLines lines = SiteLines.of(original.name, sites);
        StateMachineEmitter.emit(body, frameClass, layout, sites, lines, hostIsInterface);
        if (kind.emits()) {
            EmitLowering.passContext(body);
        }
        LocalVariableRanges.apply(body);
        body.name = uniqueName(host, body.name, body.desc);
        byte[] frameBytes = FrameClassGenerator.generate(frameClass, host.name, hostIsInterface, host.sourceFile,
                host.version, body.name, body.desc, entry, layout, lines);
        MethodNode stub = EntryStub.create(original, frameClass, entry, layout, kind);
        return new WovenMethod(stub, body, frameClass, frameBytes, sites.size(), layout.describeFields());
    }

    private static MethodNode copy(MethodNode original) {
        MethodNode copy = new MethodNode(Opcodes.ASM9, original.access, original.name, original.desc,
                original.signature, original.exceptions.toArray(new String[0]));
        original.accept(copy);
        return copy;
    }

    /**
     * The body keeps the method's name, so stack traces show it; every body has the same
     * descriptor, so a second overload's body gets a suffix.
     */
    private static String uniqueName(ClassNode host, String name, String desc) {
        String unique = name;
        for (int i = 1; hasMethod(host, unique, desc); i++) {
            unique = name + "$" + i;
        }
        return unique;
    }

    private static boolean hasMethod(ClassNode host, String name, String desc) {
        return host.methods.stream().anyMatch(m -> m.name.equals(name) && m.desc.equals(desc));
    }

    /** The receiver (unless static) and the parameters: what a call hands to the frame. */
    static List<Type> entryTypes(String owner, MethodNode m) {
        List<Type> entry = new ArrayList<>();
        if ((m.access & Opcodes.ACC_STATIC) == 0) {
            entry.add(Type.getObjectType(owner));
        }
        entry.addAll(List.of(Type.getArgumentTypes(m.desc)));
        return entry;
    }
}
