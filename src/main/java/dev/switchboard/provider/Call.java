package dev.switchboard.provider;

import dev.switchboard.config.Timeouts;
import dev.switchboard.config.TargetSnapshot;

/** One attempt's target and the timeouts that bound it. */
public record Call(TargetSnapshot target, Timeouts timeouts) {
}
