package dev.switchboard.provider;

import dev.switchboard.config.TargetSnapshot;
import dev.switchboard.config.Timeouts;

/** One attempt's target, the timeouts that bound it, and the caller it is made for. */
public record Call(TargetSnapshot target, Timeouts timeouts, Caller caller) {
}
