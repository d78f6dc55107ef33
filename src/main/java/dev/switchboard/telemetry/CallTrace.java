package dev.switchboard.telemetry;

import dev.switchboard.usage.UsageRecord;

/**
 * The span of one call, current on the call's thread from {@link Tracing#call} until {@link #close}.
 * The server tells it what the call asks for once it is known, and ends it with the call's usage
 * record, so the span carries the same figures as the record.
 */
public interface CallTrace extends AutoCloseable {

    /** Traces nothing. */
    CallTrace NONE = new CallTrace() {
        @Override
        public void operation(Operation operation) {
        }

        @Override
        public void proxied(String path) {
        }

        @Override
        public void ended(UsageRecord record) {
        }

        @Override
        public void close() {
        }
    };

    /** The call asks for {@code operation}; the attempts started after this are named for it. */
    void operation(Operation operation);

    /**
     * The call is the raw proxy's, to {@code path} ({@code /gateway/proxy/{endpoint}/...}): its
     * operation is what the provider's part of the path says, if anything (the proxy reads no body).
     */
    void proxied(String path);

    /** The call ended as {@code record} says: the span takes its figures and ends. */
    void ended(UsageRecord record);

    /** Ends the span if {@link #ended} did not, and makes the context before the call current again. */
    @Override
    void close();
}
