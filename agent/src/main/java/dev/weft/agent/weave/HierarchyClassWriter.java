package dev.weft.agent.weave;

import org.objectweb.asm.ClassWriter;

/** A {@link ClassWriter} that computes frames from {@link ClassHierarchy} instead of loading classes. */
final class HierarchyClassWriter extends ClassWriter {
    private final ClassHierarchy hierarchy;

    HierarchyClassWriter(ClassHierarchy hierarchy) {
        super(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS);
        this.hierarchy = hierarchy;
    }

    @Override
    protected String getCommonSuperClass(String a, String b) {
        return hierarchy.commonSuperClass(a, b);
    }
}
