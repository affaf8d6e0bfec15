package dev.weft.agent.weave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceClassVisitor;
import org.objectweb.asm.util.TraceMethodVisitor;

/**
 * Each pass alone on a small method, its output compared with a golden listing (ASM's
 * {@link Textifier}) under {@code src/test/resources/golden}, so a change to a pass shows as a
 * diff of that pass's output. Run with {@code -Dweft.golden.update=true} to rewrite the listings
 * after an intended change, then review the diff.
 */
class PassListingsTest {
    private static final String HOST = Type.getInternalName(PassSamples.class);
    private static final ClassHierarchy HIERARCHY = new ClassHierarchy(PassListingsTest.class.getClassLoader());

    @Test
    void returnLoweringDropsReadyWrappersAndAwaitsAReturnedFuture() throws IOException {
        MethodNode m = sample("lowered");
        ReturnLowering.apply(m, CoroutineKind.LAZY);
        assertGolden("return-lowering-lowered", m);
    }

    @Test
    void stackSpillingParksTheOperandsUnderAnAwaitInLocals() throws IOException {
        MethodNode m = sample("spill");
        StackSpilling.apply(HOST, m);
        assertGolden("stack-spilling-spill", m);
    }

    @Test
    void frameLayoutGivesSitesWithTheSameLiveSetTheSameFields() throws IOException {
        FrameLayout layout = analyzed(sample("shared")).layout();
        assertEquals(layout.slots(1), layout.slots(2));
        assertEquals(List.of("i0:int", "a0:java.lang.Object"), layout.describeFields());
        assertEquals("[Slot[local=0, kind=REF, type=Ldev/weft/Future;, field=0, exact=false], "
                + "Slot[local=1, kind=INT, type=I, field=0, exact=false]]", layout.slots(0).toString());
    }

    @Test
    void stateMachineEmitterSharesSaveAndRestoreCodeBetweenSitesWithOneLiveSet() throws IOException {
        Analyzed a = analyzed(sample("shared"));
        StateMachineEmitter.emit(a.body(), HOST + "$shared$Weft", a.layout(), a.sites(),
                SiteLines.of("shared", a.sites()), false);
        assertGolden("state-machine-shared", a.body());
    }

    @Test
    void stateMachineEmitterGivesASaveBlockTheLineOfItsOnlyAwait() throws IOException {
        Analyzed a = analyzed(sample("spill"));
        StateMachineEmitter.emit(a.body(), HOST + "$spill$Weft", a.layout(), a.sites(),
                SiteLines.of("spill", a.sites()), false);
        assertGolden("state-machine-spill", a.body());
    }

    @Test
    void localVariableRangesEndAtResumePointsThatDoNotRestoreTheirSlot() throws IOException {
        Analyzed a = analyzed(sample("shared"));
        StateMachineEmitter.emit(a.body(), HOST + "$shared$Weft", a.layout(), a.sites(),
                SiteLines.of("shared", a.sites()), false);
        LocalVariableRanges.apply(a.body());
        assertGolden("local-variable-ranges-shared", a.body());
    }

    @Test
    void frameClassAnswersSuspendedAtFromItsLineTable() throws IOException {
        Analyzed a = analyzed(sample("shared"));
        MethodNode original = sample("shared");
        byte[] frame = FrameClassGenerator.generate(HOST + "$shared$Weft", HOST, false, "PassSamples.java",
                Opcodes.V17, "shared", "(Ljava/lang/Object;Ldev/weft/Context;)Ljava/lang/Object;",
                MethodWeaver.entryTypes(HOST, original), a.layout(), SiteLines.of("shared", a.sites()));
        StringWriter out = new StringWriter();
        new ClassReader(frame).accept(new TraceClassVisitor(new PrintWriter(out)), 0);
        assertGolden("frame-class-shared", out.toString());
    }

    @Test
    void entryStubPassesTheArgumentsToTheFrameConstructor() throws IOException {
        MethodNode original = sample("shared");
        List<Type> entry = MethodWeaver.entryTypes(HOST, original);
        MethodNode stub = EntryStub.create(original, HOST + "$shared$Weft", entry, analyzed(original).layout(),
                CoroutineKind.LAZY);
        assertGolden("entry-stub-shared", stub);
    }

    @Test
    void entryStubFillsTheFieldsWhenTheArgumentsAreTooManyForAConstructor() {
        List<Type> entry = Collections.nCopies(255, Type.INT_TYPE);
        MethodNode original = new MethodNode(Opcodes.ACC_STATIC, "wide",
                Type.getMethodDescriptor(Type.getObjectType(AwaitCalls.FUTURE), entry.toArray(new Type[0])), null, null);
        FrameLayout layout = FrameLayout.of(entry, List.of(), t -> true);
        String listing = listing(EntryStub.create(original, "W", entry, layout, CoroutineKind.LAZY));
        assertTrue(listing.startsWith("    NEW W\n    DUP\n    INVOKESPECIAL W.<init> ()V\n"
                + "    DUP\n    ILOAD 0\n    PUTFIELD W.i0 : I\n    DUP\n    ILOAD 1\n    PUTFIELD W.i1 : I\n"), listing);
        assertTrue(listing.contains("    DUP\n    ILOAD 254\n    PUTFIELD W.i254 : I\n    ARETURN\n"), listing);
        assertEquals("()V", FrameConstruction.constructorDesc(entry));
        assertEquals("(" + "I".repeat(254) + ")V", FrameConstruction.constructorDesc(entry.subList(1, 255)));
    }

    /** What the emitter takes: the normalized body, its await sites and the frame layout. */
    private record Analyzed(MethodNode body, List<AwaitSite> sites, FrameLayout layout) {}

    /** The passes before the emitter, as {@link MethodWeaver} runs them. */
    private static Analyzed analyzed(MethodNode original) {
        MethodNode body = copy(original);
        ReturnLowering.apply(body, CoroutineKind.LAZY);
        NewSinking.apply(HOST, body);
        StackSpilling.apply(HOST, body);
        Frame<BasicValue>[] frames = BytecodeAnalysis.frames(new Analyzer<>(new TypedInterpreter(HIERARCHY)), HOST, body);
        List<AwaitSite> sites = AwaitSite.in(body, frames, LivenessAnalysis.of(body));
        FrameLayout layout = FrameLayout.of(MethodWeaver.entryTypes(HOST, original), sites, t -> true);
        return new Analyzed(body, sites, layout);
    }

    private static MethodNode sample(String name) throws IOException {
        ClassNode c = new ClassNode();
        new ClassReader(WeaveTestSupport.bytesOf(PassSamples.class)).accept(c, ClassReader.SKIP_FRAMES);
        return c.methods.stream().filter(m -> m.name.equals(name)).findFirst().orElseThrow();
    }

    private static MethodNode copy(MethodNode m) {
        MethodNode copy = new MethodNode(Opcodes.ASM9, m.access, m.name, m.desc, m.signature, null);
        m.accept(copy);
        return copy;
    }

    private static String listing(MethodNode m) {
        Textifier text = new Textifier();
        m.accept(new TraceMethodVisitor(text));
        StringWriter out = new StringWriter();
        text.print(new PrintWriter(out));
        return out.toString();
    }

    private static void assertGolden(String name, MethodNode m) throws IOException {
        assertGolden(name, listing(m));
    }

    private static void assertGolden(String name, String actual) throws IOException {
        Path golden = Path.of("src/test/resources/golden", name + ".txt");
        if (Boolean.getBoolean("weft.golden.update")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual);
        }
        assertEquals(Files.readString(golden), actual, "golden listing " + golden);
    }
}
