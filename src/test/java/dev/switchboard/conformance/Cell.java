package dev.switchboard.conformance;

/** One cell of the matrix, with what it promises. */
record Cell(Scenario scenario, Surface surface, ProviderKind kind, Mode mode, Declaration declaration) {

    /**
     * Whether the gateway passes the call through: the provider speaks the caller's format, and the
     * provider's chat is not always translated (embeddings are passed through regardless).
     */
    boolean passThrough() {
        return kind.speaks(surface.format()) && (scenario == Scenario.EMBEDDINGS || kind.passesChatThrough());
    }

    @Override
    public String toString() {
        return scenario + ": " + surface + " caller, " + kind + " provider, " + mode + " (" + declaration.verdict()
                + ")";
    }
}
