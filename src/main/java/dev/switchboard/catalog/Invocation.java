package dev.switchboard.catalog;

import dev.switchboard.core.WireFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How the gateway calls a provider, as its entry in the provider table says: in a wire format, with
 * what sets this provider apart from that format's reference API, or not at all, for a reason users
 * are shown. Whether this gateway registered a provider for the id is a separate fact
 * ({@link ProviderInfo#invocable()}).
 */
public sealed interface Invocation permits Invocation.Callable, Invocation.NotCallable {

    /**
     * Callable in {@code format}. {@code keyHeader} names the header that carries the key as is
     * (empty: {@code Authorization: Bearer <key>}); with {@code keyOptional} a call may go without a
     * key. {@code apiBaseSuffix} is appended to a user-given {@code api_base}. {@code drop} and
     * {@code rename} edit top-level request fields only, so the gateway's own {@code model} and
     * {@code stream} are off limits. With {@code thinkingChunks}, thinking in an assistant message
     * of the history is sent as Mistral's {@code thinking} content chunks rather than as
     * {@code reasoning_content}. {@code chatTranslated}, when present, says why chat calls are
     * always translated, never passed through: the provider's answers stray from its format's
     * grammar, which translation reads and the caller's SDK would not. {@code alsoSpeaks} lists
     * the other formats the provider takes as they are (OpenAI's Responses), so their callers are
     * passed through too.
     */
    record Callable(WireFormat format, Optional<String> keyHeader, boolean keyOptional, String apiBaseSuffix,
                    List<String> drop, Map<String, String> rename, boolean thinkingChunks,
                    Optional<String> chatTranslated, List<WireFormat> alsoSpeaks) implements Invocation {

        private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
        private static final Set<String> GATEWAY_FIELDS = Set.of("model", "stream");

        public Callable {
            drop = List.copyOf(drop);
            rename = Map.copyOf(rename);
            alsoSpeaks = List.copyOf(alsoSpeaks);
            if (alsoSpeaks.contains(format) || new HashSet<>(alsoSpeaks).size() != alsoSpeaks.size()) {
                throw new IllegalArgumentException("also_speaks repeats a format");
            }
            if (keyHeader.isPresent() && !HEADER_NAME.matcher(keyHeader.get()).matches()) {
                throw new IllegalArgumentException("key_header '" + keyHeader.get() + "' is not a header name");
            }
            if (!apiBaseSuffix.isEmpty() && (!apiBaseSuffix.startsWith("/") || apiBaseSuffix.endsWith("/"))) {
                throw new IllegalArgumentException("api_base_suffix '" + apiBaseSuffix
                        + "' must start with '/' and not end with one");
            }
            Set<String> touched = new HashSet<>(drop);
            for (Map.Entry<String, String> r : rename.entrySet()) {
                if (!touched.add(r.getKey())) {
                    throw new IllegalArgumentException("field '" + r.getKey() + "' is both dropped and renamed");
                }
            }
            if (new HashSet<>(rename.values()).size() != rename.size()) {
                throw new IllegalArgumentException("two fields are renamed to the same name");
            }
            if (chatTranslated.isPresent() && chatTranslated.get().isBlank()) {
                throw new IllegalArgumentException("chat_translated needs a reason");
            }
            touched.addAll(rename.values());
            touched.retainAll(GATEWAY_FIELDS);
            if (!touched.isEmpty()) {
                throw new IllegalArgumentException("drop and rename may not touch " + touched
                        + ": the gateway sets those itself");
            }
        }
    }

    /** Not callable by this gateway; {@code reason} says why, in a phrase fit for an error message. */
    record NotCallable(String reason) implements Invocation {

        public NotCallable {
            if (reason.isBlank()) {
                throw new IllegalArgumentException("not_callable needs a reason");
            }
        }
    }
}
