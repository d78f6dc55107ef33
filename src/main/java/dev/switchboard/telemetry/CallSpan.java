package dev.switchboard.telemetry;

import dev.switchboard.core.Usage;
import dev.switchboard.usage.UsageRecord;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The server span of one call. It is current on the call's thread, and kept in the context under
 * {@link #KEY} so the attempts' spans can read what the call asks for.
 */
final class CallSpan implements CallTrace {

    /** The call's span in the context of its thread. */
    static final ContextKey<CallSpan> KEY = ContextKey.named("switchboard-call");

    private static final TextMapGetter<Function<String, Optional<String>>> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Function<String, Optional<String>> carrier) {
            return List.of();
        }

        @Override
        public String get(Function<String, Optional<String>> carrier, String key) {
            return carrier == null ? null : carrier.apply(key).orElse(null);
        }
    };

    private final Span span;
    private Scope scope = Scope.noop();
    private Optional<Operation> operation = Optional.empty();
    private boolean ended;

    private CallSpan(Span span) {
        this.span = span;
    }

    /** Starts a call's span as the child of the caller's {@code traceparent}, if it sent one, and makes it current. */
    static CallSpan start(Tracer tracer, String method, String route, Function<String, Optional<String>> header) {
        // The root context: whatever a thread still holds from earlier work is no parent of this call.
        Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), header, HEADERS);
        Span span = tracer.spanBuilder(method + " " + route)
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute(SpanAttributes.HTTP_METHOD, method)
                .setAttribute(SpanAttributes.HTTP_ROUTE, route)
                .startSpan();
        CallSpan call = new CallSpan(span);
        call.scope = parent.with(span).with(KEY, call).makeCurrent();
        return call;
    }

    /** What the call asks for, once the server was told. */
    Optional<Operation> operation() {
        return operation;
    }

    @Override
    public void operation(Operation asked) {
        operation = Optional.of(asked);
        span.setAttribute(SpanAttributes.OPERATION, asked.semconvName());
    }

    @Override
    public void proxied(String path) {
        Operation.ofProxyPath(path).ifPresent(this::operation);
    }

    @Override
    public void ended(UsageRecord record) {
        String endpoint = record.endpointName();
        operation.ifPresent(op -> span.updateName(endpoint.isEmpty() ? op.semconvName()
                : op.semconvName() + " " + endpoint));
        if (!endpoint.isEmpty()) {
            span.setAttribute(SpanAttributes.REQUEST_MODEL, endpoint);
        }
        if (!record.endpointId().isEmpty()) {
            span.setAttribute(SpanAttributes.ENDPOINT_ID, record.endpointId());
        }
        if (!record.provider().isEmpty()) {
            span.setAttribute(SpanAttributes.PROVIDER, record.provider());
            span.setAttribute(SpanAttributes.RESPONSE_MODEL, record.model());
        }
        if (!record.usage().equals(Usage.NONE)) {
            span.setAttribute(SpanAttributes.INPUT_TOKENS, record.usage().input());
            span.setAttribute(SpanAttributes.OUTPUT_TOKENS, record.usage().output());
        }
        record.cost().ifPresent(cost -> span.setAttribute(SpanAttributes.COST_USD, cost.doubleValue()));
        if (record.caller().kind() != UsageRecord.CallerRef.Kind.NONE) {
            // The user's name, or "owner (key name)": names only, never the key itself.
            span.setAttribute(SpanAttributes.CALLER, record.caller().name());
        }
        span.setAttribute(SpanAttributes.ATTEMPTS, record.attempts());
        span.setAttribute(SpanAttributes.STREAM, record.stream());
        if (record.status() > 0) {
            span.setAttribute(SpanAttributes.HTTP_STATUS, record.status());
        }
        if (record.error()) {
            span.setAttribute(SpanAttributes.ERROR_TYPE, record.errorClass().orElse(Integer.toString(record.status())));
            span.setStatus(StatusCode.ERROR, record.errorMessage().orElse(""));
        }
        span.end();
        ended = true;
    }

    @Override
    public void close() {
        try {
            if (!ended) {
                // The server failed before it made the call's record: the span still ends, as an error.
                span.setAttribute(SpanAttributes.ERROR_TYPE, "internal");
                span.setStatus(StatusCode.ERROR);
                span.end();
                ended = true;
            }
        } finally {
            scope.close();
        }
    }
}
