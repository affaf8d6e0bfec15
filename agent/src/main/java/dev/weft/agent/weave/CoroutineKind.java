package dev.weft.agent.weave;

import org.objectweb.asm.Type;
import org.objectweb.asm.tree.MethodNode;

/** How a woven method's callers see it, decided by its declared return type. */
enum CoroutineKind {
    /** Returns {@code dev.weft.Future}: calling it runs nothing; the body starts at the first poll. */
    LAZY,
    /** Returns {@code CompletableFuture} or {@code CompletionStage}: the body starts on the call. */
    EAGER;

    /** The kind for {@code m}'s return type, or null when {@code await} is not allowed there. */
    static CoroutineKind of(MethodNode m) {
        String ret = Type.getReturnType(m.desc).getDescriptor();
        switch (ret) {
            case "Ldev/weft/Future;":
                return LAZY;
            case "Ljava/util/concurrent/CompletableFuture;":
            case "Ljava/util/concurrent/CompletionStage;":
                return EAGER;
            default:
                return null;
        }
    }
}
