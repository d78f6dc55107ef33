package dev.switchboard.api;

import dev.switchboard.core.Usage;

/** How a stream to a caller ended: the usage it reported, the time spent waiting on the provider, and whether it failed. */
record StreamEnd(Usage usage, long upstreamNanos, boolean failed) {
}
