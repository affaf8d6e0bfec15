package dev.weft.agent.weave;

import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Writes the frame class of one coroutine method: a {@code Coroutine} subclass whose typed fields
 * hold the saved locals, whose constructor stores the receiver and arguments (unless they are too
 * many for one constructor: see {@link FrameConstruction}), and whose
 * {@code resume} calls the body that stayed in the host class. Its {@code suspendedAt} answers
 * from the frame's line table (a string constant, char k the line of await site k: see
 * {@link SiteLines}) and {@code awaitedFuture} returns the {@link #AWAITING} field, for task dumps.
 *
 * <p>The class, its constructor and its fields are package-private: a caller holding the future
 * from another package can neither read the saved locals nor set the resume point ({@link #STATE})
 * before or between polls; only the host's woven body, in the same package, touches them.
 */
final class FrameClassGenerator {
    /** The frame field holding the await site the body is suspended at (0: not started). */
    static final String STATE = "state";
    /** The frame field holding the future the body is suspended on. */
    static final String AWAITING = "awaiting";
    private static final int PACKAGE_PRIVATE = 0;
    private static final String STACK_TRACE_ELEMENT = "Ljava/lang/StackTraceElement;";

    private FrameClassGenerator() {}

    /**
     * @param entry receiver (if any) and parameter types, in the order the constructor takes them
     */
    static byte[] generate(String frameClass, String host, boolean hostIsInterface, String sourceFile,
            int hostVersion, String bodyName, String bodyDesc, List<Type> entry, FrameLayout layout,
            SiteLines lines) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        int version = Math.max(hostVersion & 0xFFFF, Opcodes.V1_8);
        cw.visit(version, Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC,
                frameClass, null, AwaitCalls.COROUTINE, null);
        if (sourceFile != null) {
            cw.visitSource(sourceFile, null);
        }
        cw.visitField(Opcodes.ACC_STATIC | Opcodes.ACC_FINAL, "STATES", "I", null,
                layout.stateCount()).visitEnd();
        cw.visitField(PACKAGE_PRIVATE, STATE, "I", null, null).visitEnd();
        cw.visitField(PACKAGE_PRIVATE, AWAITING, "Ljava/lang/Object;", null, null).visitEnd();
        for (FrameLayout.Field field : layout.fields()) {
            cw.visitField(PACKAGE_PRIVATE, field.name(), field.desc(), null, null).visitEnd();
        }
        constructor(cw, frameClass, entry, layout);
        resume(cw, host, hostIsInterface, bodyName, bodyDesc);
        suspendedAt(cw, frameClass, host, sourceFile, lines);
        awaitedFuture(cw, frameClass);
        cw.visitEnd();
        return cw.toByteArray();
    }

    private static void constructor(ClassWriter cw, String frameClass, List<Type> entry, FrameLayout layout) {
        MethodVisitor mv = cw.visitMethod(PACKAGE_PRIVATE, "<init>", FrameConstruction.constructorDesc(entry), null,
                null);
        mv.visitCode();
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, AwaitCalls.COROUTINE, "<init>", "()V", false);
        if (FrameConstruction.constructorTakesEntry(entry)) {
            storeArguments(mv, frameClass, entry, layout);
        } // else the entry stub fills the fields
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private static void storeArguments(MethodVisitor mv, String frameClass, List<Type> entry, FrameLayout layout) {
        int arg = 1;
        List<FrameLayout.Slot> slots = layout.slots(0);
        for (int i = 0; i < entry.size(); i++) {
            FrameLayout.Slot slot = slots.get(i);
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitVarInsn(entry.get(i).getOpcode(Opcodes.ILOAD), arg);
            mv.visitFieldInsn(Opcodes.PUTFIELD, frameClass, slot.fieldName(), slot.fieldDesc());
            arg += entry.get(i).getSize();
        }
    }

    private static void resume(ClassWriter cw, String host, boolean hostIsInterface, String bodyName, String bodyDesc) {
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PROTECTED, "resume",
                "(L" + AwaitCalls.CONTEXT + ";)Ljava/lang/Object;", null, null);
        mv.visitCode();
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitVarInsn(Opcodes.ALOAD, 1);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, host, bodyName, bodyDesc, hostIsInterface);
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** {@code return LineTable.at(this, state, lines, host, method, file);} */
    private static void suspendedAt(ClassWriter cw, String frameClass, String host, String sourceFile,
            SiteLines lines) {
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PROTECTED, "suspendedAt", "()" + STACK_TRACE_ELEMENT, null,
                null);
        mv.visitCode();
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitFieldInsn(Opcodes.GETFIELD, frameClass, STATE, "I");
        mv.visitLdcInsn(lines.table());
        mv.visitLdcInsn(host.replace('/', '.'));
        mv.visitLdcInsn(lines.method());
        if (sourceFile != null) {
            mv.visitLdcInsn(sourceFile);
        } else {
            mv.visitInsn(Opcodes.ACONST_NULL);
        }
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, AwaitCalls.LINE_TABLE, "at", "(L" + AwaitCalls.COROUTINE
                + ";ILjava/lang/String;Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;)" + STACK_TRACE_ELEMENT,
                false);
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private static void awaitedFuture(ClassWriter cw, String frameClass) {
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PROTECTED, "awaitedFuture", "()Ljava/lang/Object;", null,
                null);
        mv.visitCode();
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitFieldInsn(Opcodes.GETFIELD, frameClass, AWAITING, "Ljava/lang/Object;");
        mv.visitInsn(Opcodes.ARETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }
}
