package dev.switchboard.conformance;

/**
 * A clear error an {@link Verdict#UNSUPPORTED} cell gets: the status, and words its message must
 * hold, in the caller's own error shape.
 */
enum Refusal {
    NO_EMBEDDINGS(Scenario.EMBEDDINGS, 400, "has no embeddings", "The provider has no embeddings: 400");

    final Scenario scenario;
    final int status;
    final String message;
    final String text;

    Refusal(Scenario scenario, int status, String message, String text) {
        this.scenario = scenario;
        this.status = status;
        this.message = message;
        this.text = text;
    }
}
