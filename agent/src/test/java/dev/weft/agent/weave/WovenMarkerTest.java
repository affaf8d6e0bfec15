package dev.weft.agent.weave;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodNode;

class WovenMarkerTest {
    @Test
    void everyWovenClassIsMarked() throws Exception {
        assertFalse(WovenMarker.isWoven(WeaveTestSupport.bytesOf(Samples.class)));
        assertTrue(WovenMarker.isWoven(WeaveTestSupport.weave(Samples.class).bytes()));
    }

    @Test
    void aMarkedClassIsNotWovenEvenIfItStillAwaits() throws Exception {
        byte[] original = WeaveTestSupport.bytesOf(Samples.class);
        assertNotNull(ClassWeaver.weave(original, hierarchy()));
        assertNull(ClassWeaver.weave(rewritten(original, WovenMarker::mark), hierarchy()));
    }

    @Test
    void theNameAsAStringConstantIsNoMarker() throws Exception {
        byte[] withConstant = rewritten(WeaveTestSupport.bytesOf(Samples.class), host -> {
            MethodNode m = host.methods.get(0);
            m.instructions.insert(new org.objectweb.asm.tree.InsnNode(org.objectweb.asm.Opcodes.POP));
            m.instructions.insert(new LdcInsnNode(WovenMarker.NAME));
        });
        assertFalse(WovenMarker.isWoven(withConstant));
        assertFalse(WovenMarker.isWoven(new byte[] {1, 2, 3}), "malformed: not woven, the weaver reports it");
    }

    private static ClassHierarchy hierarchy() {
        return new ClassHierarchy(WovenMarkerTest.class.getClassLoader());
    }

    private static byte[] rewritten(byte[] classFile, java.util.function.Consumer<ClassNode> change) {
        ClassNode host = new ClassNode();
        new ClassReader(classFile).accept(host, 0);
        change.accept(host);
        ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        host.accept(writer);
        return writer.toByteArray();
    }
}
