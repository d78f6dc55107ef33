package dev.switchboard.conformance;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** What one cell promises: its verdict, the losses of a lossy cell, the refusal of an unsupported one. */
record Declaration(Verdict verdict, Set<Loss> losses, Optional<Refusal> refusal) {

    static final Declaration EXACT = new Declaration(Verdict.EXACT, Set.of(), Optional.empty());

    Declaration {
        losses = Set.copyOf(losses);
        if ((verdict == Verdict.LOSSY) == losses.isEmpty() || (verdict == Verdict.UNSUPPORTED) == refusal.isEmpty()) {
            throw new IllegalArgumentException("a lossy cell names its losses, an unsupported one its refusal: "
                    + verdict + " " + losses + " " + refusal);
        }
    }

    static Declaration lossy(Loss first, Loss... more) {
        return new Declaration(Verdict.LOSSY, EnumSet.of(first, more), Optional.empty());
    }

    static Declaration refused(Refusal refusal) {
        return new Declaration(Verdict.UNSUPPORTED, Set.of(), Optional.of(refusal));
    }

    boolean loses(Loss loss) {
        return losses.contains(loss);
    }
}
