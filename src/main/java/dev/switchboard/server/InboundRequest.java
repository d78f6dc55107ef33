package dev.switchboard.server;

import java.util.Optional;

/**
 * The little of a request that {@link Authenticator} reads, so that every HTTP server the gateway
 * runs authenticates callers with the same code. Implementations are views over the server's own
 * request, read on demand: they sit on every call's path and must not copy headers.
 */
interface InboundRequest {

    /** The request's method, as sent ({@code GET}, {@code POST}, ...). */
    String method();

    /** The first value of a header, its name matched without regard to case. */
    Optional<String> header(String name);

    /** The first value of a query parameter. */
    Optional<String> query(String name);

    /** The value of a cookie the request sends. */
    Optional<String> cookie(String name);

    /** The caller's address, as the sign-in throttle counts it. */
    String remoteHost();
}
