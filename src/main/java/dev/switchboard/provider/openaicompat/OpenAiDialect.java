package dev.switchboard.provider.openaicompat;

import dev.switchboard.core.Operation;
import dev.switchboard.provider.ProxyTarget;
import dev.switchboard.provider.Target;
import java.net.URI;
import java.util.Map;

/**
 * Where an OpenAI-format provider's operations live and how to authenticate with it. The request
 * fields it drops or renames are data ({@link RequestEdits}); everything else is shared.
 */
public interface OpenAiDialect {

    /** The provider id, e.g. {@code groq}. */
    String id();

    URI uri(Target target, Operation operation);

    /** The authentication (and any other) headers for a call; values are secrets, never logged. */
    Map<String, String> headers(Target target);

    /** Where the raw proxy route sends the target's calls, with {@link #headers}. */
    ProxyTarget proxy(Target target);
}
