/**
 * The weave pipeline: small passes over an ASM {@code MethodNode} that turn each method calling
 * {@code Async.await} into a resumable state machine whose live locals are kept in the fields of a
 * generated frame class. {@code ClassWeaver} drives the passes; {@code WovenCodeVerifier} checks
 * the result before the JVM sees it.
 *
 * <p>The runtime names the pipeline emits calls to are in {@code AwaitCalls} and must match the
 * runtime's {@code dev.weft.woven} package.
 */
package dev.weft.agent.weave;
