package dev.switchboard.conformance;

/** One cell of the matrix, with what it promises. */
record Cell(Scenario scenario, Surface surface, ProviderKind kind, Mode mode, Declaration declaration) {

    /** Whether the caller's format is the provider's, so the gateway passes the call through. */
    boolean passThrough() {
        return surface.format() == kind.format();
    }

    @Override
    public String toString() {
        return scenario + ": " + surface + " caller, " + kind + " provider, " + mode + " (" + declaration.verdict()
                + ")";
    }
}
