package dev.weft.agent.build;

import java.util.List;

/**
 * What a build-time weave did: how many classes it wove and wrote, how many it found woven
 * already (and left as they were), what it wove, and the problems that must fail the build. A
 * class with a problem is not written, so the next build finds the problem again.
 */
public record WeaveReport(int written, int alreadyWoven, List<String> wovenMethods, List<WeaveProblem> problems) {
    public boolean failed() {
        return !problems.isEmpty();
    }

    /** One line for a build log, e.g. {@code wove 3 classes (12 already woven)}. */
    public String summary() {
        return "wove " + written + (written == 1 ? " class" : " classes") + " (" + alreadyWoven + " already woven)"
                + (problems.isEmpty() ? "" : ", " + problems.size() + " problem(s)");
    }
}
