package dev.switchboard.api;

import dev.switchboard.routing.Dispatcher;

/**
 * A streaming attempt that reached its first event: either a provider stream in the caller's own
 * format, relayed as it comes, or a canonical stream from a provider in another format, which the
 * surface encodes.
 */
public sealed interface OpenedStream {

    /** Same format as the caller: relayed byte for byte. */
    record Relay(StreamRelay relay) implements OpenedStream { }

    /** Another format: the surface encodes the canonical events. */
    record Translated(Dispatcher.OpenStream stream) implements OpenedStream { }
}
