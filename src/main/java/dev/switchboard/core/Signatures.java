package dev.switchboard.core;

import java.util.Base64;
import java.util.Optional;

/**
 * Which provider made a signature ({@link Thinking#signature()}, Gemini's {@code thoughtSignature}),
 * for signatures that reach a caller of another format and come back. A signature only verifies at
 * the provider that made it, so a response translated for a caller of another format has its
 * signatures tagged with their maker ({@link #forCaller}), and a caller's content goes to a provider
 * with a signature only if that provider made it ({@link #forProvider}). Pass-through never tags.
 *
 * <p>The tag is {@code swb1} and the maker's format's code ({@link WireFormat#signatureCode}:
 * {@code Anth}, {@code Gemi}, {@code Oapi}, {@code Resp}) written before the signature, e.g.
 * {@code swb1AnthEqQB...}. Eight base64 characters are six whole bytes, so a base64 signature stays
 * valid base64 in both alphabets and decodes to six tag bytes followed by the original bytes: a
 * Gemini SDK that holds {@code thoughtSignature} as bytes keeps it intact. Untagging drops the
 * eight characters, so a signature comes back exactly as it was written; when a client re-encoded
 * the bytes in the other alphabet (Python's google-genai writes URL-safe base64), the rest is turned
 * back into the padded base64 of the alphabet the maker writes ({@link WireFormat#urlSafeSignatures}):
 * standard for Anthropic and Gemini, URL-safe for OpenAI's encrypted reasoning.
 * A real signature that began with a tag would be misread; those seen so far begin with {@code E}
 * (Anthropic) or {@code C} (Gemini).
 *
 * <p>Thinking its maker did not sign (DeepSeek's {@code reasoning_content}) has the empty signature,
 * which a caller of a format that requires one (Anthropic's {@code "signature"}) gets as the bare tag,
 * e.g. {@code swb1Oapi}. No provider can verify a bare tag, so it goes to none ({@link #forProvider});
 * codecs read thinking whose signature is a bare tag or empty as unsigned ({@link #unsigned}).
 */
public final class Signatures {

    private static final String MARK = "swb1";
    private static final int TAG_LENGTH = MARK.length() + 4;

    private Signatures() {
    }

    /**
     * The signature as a caller of {@code callerFormat} gets it: tagged with {@code maker} (the
     * format the response was decoded from) when that is another format, else unchanged (same
     * format, a response built in code, or a signature already tagged). The empty signature of
     * unsigned thinking becomes the bare tag.
     */
    public static String forCaller(String signature, Optional<WireFormat> maker, WireFormat callerFormat) {
        if (maker.isEmpty() || maker.get() == callerFormat || read(signature).isPresent()) {
            return signature;
        }
        // A caller that holds signatures as bytes in standard base64 (Gemini's SDKs) gets a URL-safe
        // one (OpenAI's encrypted reasoning) in the standard alphabet; it comes back to its maker in
        // the maker's own (forProvider).
        boolean reencode = maker.get().urlSafeSignatures() && callerFormat.signaturesAreBytes();
        return MARK + maker.get().signatureCode() + (reencode ? standard(signature) : signature);
    }

    /**
     * What to send a provider of {@code providerFormat} for a signature in a request decoded from
     * {@code requestFormat}: a tagged signature untagged if that format made it; an untagged one as
     * it is if the request is in that format's naming (or was built in code); otherwise nothing, and
     * the block that carried it is dropped. A bare tag (unsigned thinking) goes to no provider.
     */
    public static Optional<String> forProvider(String signature, Optional<WireFormat> requestFormat,
                                               WireFormat providerFormat) {
        Optional<Tagged> tagged = read(signature);
        if (tagged.isPresent()) {
            return tagged.filter(t -> t.makerCode().equals(providerFormat.signatureCode()) && !t.signature().isEmpty())
                    .map(t -> providerFormat.urlSafeSignatures() ? urlSafe(t.signature()) : standard(t.signature()));
        }
        return requestFormat.isEmpty() || requestFormat.get() == providerFormat ? Optional.of(signature)
                : Optional.empty();
    }

    /**
     * Whether {@code signature} stands for no signature at all: empty, or a bare tag (thinking another
     * provider made without a signature, as {@link #forCaller} writes it). Nothing verifies it.
     */
    public static boolean unsigned(String signature) {
        return signature.isEmpty() || read(signature).filter(t -> t.signature().isEmpty()).isPresent();
    }

    /** A tagged signature: the maker's code ({@link WireFormat#signatureCode}) and the signature itself. */
    private record Tagged(String makerCode, String signature) {
    }

    private static Optional<Tagged> read(String signature) {
        if (signature.length() < TAG_LENGTH || !signature.startsWith(MARK)) {
            return Optional.empty();
        }
        String code = signature.substring(MARK.length(), TAG_LENGTH);
        for (int i = 0; i < code.length(); i++) {
            if (!Character.isLetter(code.charAt(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(new Tagged(code, signature.substring(TAG_LENGTH)));
    }

    /** {@code text} itself, or in the standard alphabet, padded, if it is URL-safe base64. */
    private static String standard(String text) {
        if (text.indexOf('-') < 0 && text.indexOf('_') < 0) {
            return text;
        }
        try {
            return Base64.getEncoder().encodeToString(Base64.getUrlDecoder().decode(text));
        } catch (IllegalArgumentException notBase64) {
            return text;
        }
    }

    /** {@code text} itself, or in the URL-safe alphabet, padded, if it is standard base64. */
    private static String urlSafe(String text) {
        if (text.indexOf('+') < 0 && text.indexOf('/') < 0) {
            return text;
        }
        try {
            return Base64.getUrlEncoder().encodeToString(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException notBase64) {
            return text;
        }
    }
}
