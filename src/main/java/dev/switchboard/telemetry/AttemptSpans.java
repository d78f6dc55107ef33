package dev.switchboard.telemetry;

import dev.switchboard.config.EndpointSnapshot;
import dev.switchboard.core.GatewayException;
import dev.switchboard.provider.Target;
import dev.switchboard.routing.AttemptObserver;
import dev.switchboard.usage.UsageRecord;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.ContextKey;
import java.util.Optional;

/**
 * A client span per attempt, child of the call's span and current while the attempt runs, so the
 * request to the provider carries its context ({@link TraceHeaders}). An attempt ends at its point of
 * no return (a stream's first event), as the invoker sees it.
 */
final class AttemptSpans implements AttemptObserver {

    /** Marks an attempt's span in the context, so only an attempt's request is described on it. */
    static final ContextKey<Span> KEY = ContextKey.named("switchboard-attempt");

    private final Tracer tracer;

    AttemptSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public Scope start(EndpointSnapshot endpoint, Target target, int number) {
        Context parent = Context.current();
        CallSpan call = parent.get(CallSpan.KEY);
        Optional<Operation> operation = call == null ? Optional.empty() : call.operation();
        Span span = tracer.spanBuilder(operation.map(op -> op.semconvName() + " " + target.modelName())
                        .orElse(target.label()))
                .setParent(parent)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(SpanAttributes.PROVIDER, target.provider())
                .setAttribute(SpanAttributes.REQUEST_MODEL, target.modelName())
                .setAttribute(SpanAttributes.ENDPOINT_ID, endpoint.id())
                .setAttribute(SpanAttributes.ATTEMPT, (long) number)
                .startSpan();
        operation.ifPresent(op -> span.setAttribute(SpanAttributes.OPERATION, op.semconvName()));
        io.opentelemetry.context.Scope current = parent.with(span).with(KEY, span).makeCurrent();
        return new Scope() {
            @Override
            public void succeeded() {
                current.close();
                span.end();
            }

            @Override
            public void failed(GatewayException failure) {
                current.close();
                span.setAttribute(SpanAttributes.ERROR_TYPE, UsageRecord.errorClassOf(failure));
                if (failure instanceof GatewayException.Upstream) {
                    span.setAttribute(SpanAttributes.HTTP_STATUS, (long) failure.status());
                }
                String message = failure.getMessage() == null ? "" : failure.getMessage();
                span.setStatus(StatusCode.ERROR, message.length() > UsageRecord.MAX_ERROR_MESSAGE
                        ? message.substring(0, UsageRecord.MAX_ERROR_MESSAGE) : message);
                span.end();
            }
        };
    }
}
