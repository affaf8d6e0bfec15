package dev.weft.agent.weave;

/** Why weaving a class failed: the method at fault (null when none is) and the reason. */
record WeaveFailure(String method, String reason) {
    String describe() {
        return (method != null ? "weaving " + method : "writing the woven class") + " failed: " + reason;
    }

    static String reasonOf(Throwable e) {
        if (e instanceof VirtualMachineError) {
            return "the weaver ran out of resources (" + e + ")";
        }
        return e instanceof WeaveException ? e.getMessage() : e.toString();
    }
}
