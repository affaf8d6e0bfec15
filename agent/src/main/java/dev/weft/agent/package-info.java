/**
 * The Java agent: {@code WeftAgent} (the {@code premain}/{@code agentmain} entry points and
 * {@code install()}), its options, and the {@code ClassFileTransformer} that hands each class
 * referring to {@code dev/weft/Async} to the weave pipeline in {@link dev.weft.agent.weave}.
 *
 * <p>Guarantees: a class the agent cannot weave loads unwoven, with the reason logged; the agent
 * never weaves JDK classes or Weft's own runtime.
 */
package dev.weft.agent;
