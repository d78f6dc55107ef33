package dev.switchboard.conformance;

/** How a cell's call is made: one whole answer, or a stream of events. */
enum Mode {
    UNARY, STREAM;

    boolean stream() {
        return this == STREAM;
    }

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
