package dev.weft.agent.weave;

import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.Frame;
import org.objectweb.asm.tree.analysis.Value;

/**
 * Runs an ASM analysis for a pass. Every pass that analyzes the method reports code it cannot
 * analyze the same way: a {@link WeaveException} naming the method and where the analysis stopped.
 */
final class BytecodeAnalysis {
    private BytecodeAnalysis() {}

    static <V extends Value> Frame<V>[] frames(Analyzer<V> analyzer, String owner, MethodNode m) {
        try {
            return analyzer.analyze(owner, m);
        } catch (AnalyzerException e) {
            if (e.getCause() instanceof WeaveException w) {
                throw w; // an interpreter's own reason, already worded for the user
            }
            throw new WeaveException("cannot analyze the bytecode of " + m.name + m.desc + ": " + e.getMessage(), e);
        }
    }
}
