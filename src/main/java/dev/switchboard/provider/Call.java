package dev.switchboard.provider;


/** One attempt's target, the timeouts that bound it, and the caller it is made for. */
public record Call(Target target, Timeouts timeouts, Caller caller) {
}
