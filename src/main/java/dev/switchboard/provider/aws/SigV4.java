package dev.switchboard.provider.aws;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 ({@code AWS4-HMAC-SHA256}) in the {@code Authorization} header, for the
 * services other than S3, Amazon Bedrock among them. It signs the request exactly as the transport
 * will send it, so the caller must send the path, the query (encoded with {@link #query}), the
 * headers and the body it signed, unchanged. Pure: the time is an argument, nothing is logged, and
 * an instance is immutable and safe to share between threads.
 */
public final class SigV4 {

    /** Variants of the signing some services ask for. */
    public enum Option {
        /** Also send and sign {@code X-Amz-Content-Sha256} (the payload hash), as S3-style services want. */
        CONTENT_SHA256_HEADER,
        /** Send the session token without signing it, as some older STS-based services expect. */
        SESSION_TOKEN_UNSIGNED
    }

    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    /** Set by the signer; a caller's own would be signed twice or contradict the signature. */
    private static final Set<String> RESERVED = Set.of("authorization", "x-amz-date", "x-amz-security-token");

    private final AwsCredentials credentials;
    private final String region;
    private final String service;
    private final Set<Option> options;

    /**
     * @param region the signing region, e.g. {@code us-east-1}
     * @param service the signing name, e.g. {@code bedrock} (also for {@code bedrock-runtime} hosts)
     */
    public SigV4(AwsCredentials credentials, String region, String service, Set<Option> options) {
        this.credentials = credentials;
        this.region = requireScopePart(region, "region");
        this.service = requireScopePart(service, "service");
        this.options = options.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(options));
    }

    public SigV4(AwsCredentials credentials, String region, String service) {
        this(credentials, region, service, Set.of());
    }

    /**
     * One request to sign.
     *
     * @param path the path exactly as on the request line, already percent-encoded (e.g.
     *     {@code /model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse})
     * @param query the decoded query parameters, in any order; a name may repeat
     * @param headers the headers to sign, with {@code host} among them, and any {@code content-type}
     *     and {@code x-amz-*} the request sends; not {@code Authorization}, {@code X-Amz-Date} or
     *     {@code X-Amz-Security-Token}, which the signer adds. A name may repeat.
     * @param payloadSha256 the lowercase hex SHA-256 of the body ({@link #sha256Hex}), or
     *     {@code UNSIGNED-PAYLOAD} where a service allows it
     */
    public record Request(String method, String path, List<Map.Entry<String, String>> query,
            List<Map.Entry<String, String>> headers, String payloadSha256) {

        public Request {
            if (method.isEmpty() || !method.chars().allMatch(c -> c >= 'A' && c <= 'Z')) {
                throw new IllegalArgumentException("Not an HTTP method to sign: " + method);
            }
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("The path to sign must start with '/'");
            }
            query = List.copyOf(query);
            headers = List.copyOf(headers);
            boolean host = false;
            for (Map.Entry<String, String> header : headers) {
                String name = header.getKey().toLowerCase(Locale.ROOT);
                if (RESERVED.contains(name)) {
                    throw new IllegalArgumentException("The signer sets the " + header.getKey() + " header itself");
                }
                if (name.isEmpty() || header.getValue().indexOf('\r') >= 0 || header.getValue().indexOf('\n') >= 0) {
                    // The value is not shown: it may be a credential.
                    throw new IllegalArgumentException(
                            "The header '" + header.getKey() + "' cannot be signed and sent");
                }
                host |= name.equals("host");
            }
            if (!host) {
                throw new IllegalArgumentException("The headers to sign must include host");
            }
            if (!payloadSha256.equals("UNSIGNED-PAYLOAD") && !payloadSha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("The payload hash must be a lowercase hex SHA-256");
            }
        }

        /** A request with its body, hashed here. */
        public static Request of(String method, String path, List<Map.Entry<String, String>> query,
                List<Map.Entry<String, String>> headers, byte[] body) {
            return new Request(method, path, query, headers, sha256Hex(body));
        }
    }

    /**
     * The outcome of signing: the headers to add to the request ({@code X-Amz-Date}, then
     * {@code X-Amz-Content-Sha256} and {@code X-Amz-Security-Token} when they apply, then
     * {@code Authorization}), and the intermediate texts that AWS's test suite publishes, to compare
     * with a service's {@code SignatureDoesNotMatch} answer. The canonical request may hold the
     * session token, so {@code toString} shows only the signed header names and the signature.
     */
    public record Signed(Map<String, String> headers, String canonicalRequest, String stringToSign,
            String signature) {

        public Signed {
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        }

        @Override
        public String toString() {
            return "Signed[headers=" + headers.keySet() + ", signature=" + signature + "]";
        }
    }

    /** Signs the request as made at {@code at} (AWS refuses a time more than 5 minutes off its own). */
    public Signed sign(Request request, Instant at) {
        boolean contentSha256 = options.contains(Option.CONTENT_SHA256_HEADER);
        if (contentSha256 && request.headers().stream()
                .anyMatch(h -> h.getKey().equalsIgnoreCase("x-amz-content-sha256"))) {
            throw new IllegalArgumentException("The signer sets the X-Amz-Content-Sha256 header itself");
        }
        String dateTime = DATE_TIME.format(at);
        String scope = dateTime.substring(0, 8) + "/" + region + "/" + service + "/aws4_request";

        Map<String, String> added = new LinkedHashMap<>();
        added.put("X-Amz-Date", dateTime);
        if (contentSha256) {
            added.put("X-Amz-Content-Sha256", request.payloadSha256());
        }
        List<Map.Entry<String, String>> toSign = new ArrayList<>(request.headers());
        added.forEach((name, value) -> toSign.add(Map.entry(name, value)));
        credentials.sessionToken().ifPresent(token -> {
            added.put("X-Amz-Security-Token", token);
            if (!options.contains(Option.SESSION_TOKEN_UNSIGNED)) {
                toSign.add(Map.entry("X-Amz-Security-Token", token));
            }
        });

        Map<String, String> canonicalHeaders = CanonicalRequest.headers(toSign);
        String signedHeaders = CanonicalRequest.signedHeaders(canonicalHeaders);
        String canonicalRequest = CanonicalRequest.of(request.method(), request.path(), request.query(),
                canonicalHeaders, request.payloadSha256());
        String stringToSign = ALGORITHM + "\n" + dateTime + "\n" + scope + "\n"
                + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        byte[] key = signingKey(credentials.secretAccessKey(), dateTime.substring(0, 8), region, service);
        String signature = HexFormat.of().formatHex(hmac(key, stringToSign));

        added.put("Authorization", ALGORITHM + " Credential=" + credentials.accessKeyId() + "/" + scope
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature);
        return new Signed(added, canonicalRequest, stringToSign, signature);
    }

    /**
     * The query string to send for these decoded parameters, encoded as they are signed (sorted, every
     * character but the unreserved ones percent-encoded), so that what is sent matches what was signed.
     */
    public static String query(List<Map.Entry<String, String>> parameters) {
        return CanonicalRequest.query(parameters);
    }

    /** The lowercase hex SHA-256 of the bytes: a request body's payload hash. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM has no SHA-256", e);
        }
    }

    /** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). */
    static byte[] signingKey(String secretAccessKey, String date, String region, String service) {
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        return hmac(key, "aws4_request");
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            // Never the key in the message: it is derived from the secret.
            throw new IllegalStateException("This JVM cannot compute HMAC-SHA256", e);
        }
    }

    private static String requireScopePart(String value, String what) {
        if (value.isEmpty() || !value.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("Not an AWS signing " + what + ": '" + value + "'");
        }
        return value;
    }
}
