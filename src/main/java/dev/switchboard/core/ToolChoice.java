package dev.switchboard.core;

import java.util.Objects;

/** Whether and which tool the model must call; absent in a request means the provider's default. */
public sealed interface ToolChoice {

    /** The model decides. */
    ToolChoice AUTO = new Auto();
    /** The model must not call tools. */
    ToolChoice NONE = new None();
    /** The model must call at least one tool (Anthropic's {@code any}). */
    ToolChoice REQUIRED = new Required();

    record Auto() implements ToolChoice {
    }

    record None() implements ToolChoice {
    }

    record Required() implements ToolChoice {
    }

    /** The model must call this tool. */
    record Named(String name) implements ToolChoice {
        public Named {
            Objects.requireNonNull(name, "name");
        }
    }
}
