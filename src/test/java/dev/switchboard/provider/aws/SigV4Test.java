package dev.switchboard.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The signer against AWS's published SigV4 test suite (src/test/resources/aws-sigv4, see its README),
 * and a Bedrock Converse call whose expected values come from botocore.
 */
class SigV4Test {

    private static final Path SUITE = Path.of("src/test/resources/aws-sigv4");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final List<Map.Entry<String, String>> BEDROCK_HEADERS = List.of(
            Map.entry("Host", "bedrock-runtime.us-east-1.amazonaws.com"), Map.entry("Content-Type", "application/json"));
    private static final byte[] CONVERSE_BODY = """
            {"messages":[{"role":"user","content":[{"text":"Hello"}]}],"inferenceConfig":{"maxTokens":64}}"""
            .getBytes(StandardCharsets.UTF_8);

    static Stream<String> vectors() throws IOException {
        try (Stream<Path> dirs = Files.list(SUITE)) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList().stream();
        }
    }

    @Test
    void the_suite_holds_every_vector_that_applies_to_services_other_than_s3() throws IOException {
        assertThat(vectors()).hasSize(31).contains("get-vanilla-with-session-token", "post-sts-header-before",
                "post-sts-header-after", "get-space-normalized", "get-slashes-normalized", "get-utf8");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void signs_as_the_aws_test_suite_says(String name) throws IOException {
        Path dir = SUITE.resolve(name);
        JsonNode context = JSON.readTree(dir.resolve("context.json").toFile());
        JsonNode keys = context.get("credentials");
        AwsCredentials credentials = keys.has("token")
                ? AwsCredentials.of(keys.get("access_key_id").asText(), keys.get("secret_access_key").asText(),
                        keys.get("token").asText())
                : AwsCredentials.of(keys.get("access_key_id").asText(), keys.get("secret_access_key").asText());
        Set<SigV4.Option> options = EnumSet.noneOf(SigV4.Option.class);
        if (context.get("sign_body").asBoolean()) {
            options.add(SigV4.Option.CONTENT_SHA256_HEADER);
        }
        if (context.path("omit_session_token").asBoolean(false)) {
            options.add(SigV4.Option.SESSION_TOKEN_UNSIGNED);
        }
        SigV4 signer = new SigV4(credentials, context.get("region").asText(), context.get("service").asText(), options);

        SigV4.Signed signed = signer.sign(parse(read(dir, "request.txt")),
                Instant.parse(context.get("timestamp").asText()));

        assertThat(signed.canonicalRequest()).isEqualTo(read(dir, "header-canonical-request.txt"));
        assertThat(signed.stringToSign()).isEqualTo(read(dir, "header-string-to-sign.txt"));
        assertThat(signed.signature()).isEqualTo(read(dir, "header-signature.txt").strip());
        List<String> sent = read(dir, "header-signed-request.txt").lines().toList();
        assertThat(sent).contains("Authorization:" + signed.headers().get("Authorization"),
                "X-Amz-Date:" + signed.headers().get("X-Amz-Date"));
        if (keys.has("token")) {
            assertThat(signed.headers()).containsEntry("X-Amz-Security-Token", keys.get("token").asText());
        }
    }

    @Test
    void encodes_a_bedrock_model_id_in_the_path_a_second_time() {
        // Expected values computed by botocore 1.43 (SigV4Auth, service "bedrock") for the same request.
        SigV4 signer = new SigV4(AwsCredentials.of("AKIDEXAMPLE", SECRET), "us-east-1", "bedrock");

        SigV4.Signed signed = signer.sign(SigV4.Request.of("POST",
                "/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse", List.of(), BEDROCK_HEADERS,
                CONVERSE_BODY), Instant.parse("2024-07-01T09:30:15Z"));

        assertThat(signed.canonicalRequest()).isEqualTo("""
                POST
                /model/anthropic.claude-3-5-sonnet-20240620-v1%253A0/converse

                content-type:application/json
                host:bedrock-runtime.us-east-1.amazonaws.com
                x-amz-date:20240701T093015Z

                content-type;host;x-amz-date
                f5b802cc64a01910fd197a46e9e959f3a5795f7728fa5710fb28f1ec3019f545""");
        assertThat(signed.stringToSign()).endsWith(
                "20240701/us-east-1/bedrock/aws4_request\nce3bc47bc2f14265863c967e071664a5652b6559573d597098efac7ae04b19cc");
        assertThat(signed.headers()).containsExactly(Map.entry("X-Amz-Date", "20240701T093015Z"),
                Map.entry("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240701/us-east-1/bedrock/"
                        + "aws4_request, SignedHeaders=content-type;host;x-amz-date, "
                        + "Signature=f0cf95c3cb53efac6bb482388e8cb0f42909adcb92e6d1de83a9228ddf4cf56b"));
    }

    @Test
    void signs_and_sends_the_session_token_of_temporary_credentials() {
        String token = "FQoGZXIvYXdzEXAMPLEtoken/+=";
        SigV4 signer = new SigV4(AwsCredentials.of("AKIDEXAMPLE", SECRET, token), "us-east-1", "bedrock");

        SigV4.Signed signed = signer.sign(SigV4.Request.of("POST",
                "/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse", List.of(), BEDROCK_HEADERS,
                CONVERSE_BODY), Instant.parse("2024-07-01T09:30:15Z"));

        assertThat(signed.canonicalRequest()).contains("x-amz-security-token:" + token + "\n")
                .contains("content-type;host;x-amz-date;x-amz-security-token\n");
        assertThat(signed.headers()).containsEntry("X-Amz-Security-Token", token).containsEntry("Authorization",
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240701/us-east-1/bedrock/aws4_request, "
                        + "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, "
                        + "Signature=3a8a414f109f62d4d3fe65e4b859db401b979ccb008e002691a46707b4d228c6");
    }

    @Test
    void derives_the_signing_key_of_the_aws_documentation_example() {
        // "Examples of how to derive a signing key for Signature Version 4", AWS General Reference.
        assertThat(HexFormat.of().formatHex(SigV4.signingKey(SECRET, "20120215", "us-east-1", "iam")))
                .isEqualTo("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
    }

    @Test
    void normalizes_the_path_and_encodes_each_segment_again() {
        assertThat(CanonicalRequest.uri("")).isEqualTo("/");
        assertThat(CanonicalRequest.uri("/a/./b/../c//d/")).isEqualTo("/a/c/d/");
        assertThat(CanonicalRequest.uri("/a/b/..")).isEqualTo("/a");
        assertThat(CanonicalRequest.uri("/../..")).isEqualTo("/");
        assertThat(CanonicalRequest.uri("/model/a%2Fb%20c/invoke")).isEqualTo("/model/a%252Fb%2520c/invoke");
    }

    @Test
    void sorts_the_query_by_encoded_name_then_value_and_encodes_all_but_unreserved_characters() {
        List<Map.Entry<String, String>> query = List.of(Map.entry("b", "2 3"), Map.entry("a", "z"),
                Map.entry("a", "y+/="), Map.entry("A", ""), Map.entry("é", "~-._*"));

        assertThat(SigV4.query(query)).isEqualTo("%C3%A9=~-._%2A&A=&a=y%2B%2F%3D&a=z&b=2%203");
    }

    @Test
    void lowercases_sorts_trims_and_joins_header_values() {
        assertThat(CanonicalRequest.headers(List.of(Map.entry("X-B", "  a   b  "), Map.entry("x-a", "1"),
                Map.entry("X-A", "2\t")))).containsExactly(Map.entry("x-a", "1,2"), Map.entry("x-b", "a b"));
    }

    @Test
    void adds_the_payload_hash_header_when_asked() {
        SigV4 signer = new SigV4(AwsCredentials.of("AKIDEXAMPLE", SECRET), "us-east-1", "bedrock",
                Set.of(SigV4.Option.CONTENT_SHA256_HEADER));

        SigV4.Signed signed = signer.sign(SigV4.Request.of("POST", "/", List.of(), BEDROCK_HEADERS, CONVERSE_BODY),
                Instant.parse("2024-07-01T09:30:15Z"));

        assertThat(signed.headers()).containsEntry("X-Amz-Content-Sha256", SigV4.sha256Hex(CONVERSE_BODY));
        assertThat(signed.headers().get("Authorization")).contains("SignedHeaders=content-type;host;"
                + "x-amz-content-sha256;x-amz-date,");
    }

    @Test
    void never_shows_the_secret_or_the_session_token() {
        String token = "TOKEN-THAT-MUST-NOT-LEAK";
        AwsCredentials credentials = AwsCredentials.of("AKIDEXAMPLE", SECRET, token);
        SigV4.Signed signed = new SigV4(credentials, "us-east-1", "bedrock").sign(
                SigV4.Request.of("GET", "/", List.of(), BEDROCK_HEADERS, new byte[0]), Instant.EPOCH);

        assertThat(credentials.toString()).contains("AKIDEXAMPLE").doesNotContain(SECRET).doesNotContain(token);
        assertThat(signed.toString()).doesNotContain(SECRET).doesNotContain(token);
        assertThatThrownBy(() -> AwsCredentials.of("AKIDEXAMPLE", " "))
                .hasMessageContaining("secret access key");
        assertThatThrownBy(() -> SigV4.Request.of("GET", "/", List.of(),
                List.of(Map.entry("Host", "h"), Map.entry("X-Api-Key", SECRET + "\r\nInjected: 1")), new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("X-Api-Key")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void refuses_headers_the_signer_sets_and_a_request_without_host() {
        assertThatThrownBy(() -> SigV4.Request.of("GET", "/", List.of(),
                List.of(Map.entry("Host", "h"), Map.entry("X-Amz-Date", "20150830T123600Z")), new byte[0]))
                .hasMessageContaining("X-Amz-Date");
        assertThatThrownBy(() -> SigV4.Request.of("GET", "/", List.of(),
                List.of(Map.entry("Authorization", "Bearer x"), Map.entry("Host", "h")), new byte[0]))
                .hasMessageContaining("Authorization").hasMessageNotContaining("Bearer x");
        assertThatThrownBy(() -> SigV4.Request.of("GET", "/", List.of(), List.of(), new byte[0]))
                .hasMessageContaining("host");
        assertThatThrownBy(() -> SigV4.Request.of("GET", "model/x", List.of(), BEDROCK_HEADERS, new byte[0]))
                .hasMessageContaining("'/'");
    }

    private static String read(Path dir, String file) throws IOException {
        return Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
    }

    /**
     * A request of the suite's {@code request.txt}: the request line (its path raw, as on the wire),
     * header lines (a line starting with whitespace continues the previous value, and its fold becomes
     * a space), then a blank line and the body. The query is decoded into parameters.
     */
    private static SigV4.Request parse(String text) {
        int blank = text.indexOf("\n\n");
        String head = blank < 0 ? text : text.substring(0, blank);
        byte[] body = blank < 0 ? new byte[0] : text.substring(blank + 2).getBytes(StandardCharsets.UTF_8);
        List<String> lines = head.lines().toList();
        String requestLine = lines.getFirst();
        String method = requestLine.substring(0, requestLine.indexOf(' '));
        String target = requestLine.substring(method.length() + 1, requestLine.lastIndexOf(" HTTP/"));
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        List<Map.Entry<String, String>> query = new ArrayList<>();
        if (question >= 0) {
            for (String pair : target.substring(question + 1).split("&")) {
                int eq = pair.indexOf('=');
                query.add(Map.entry(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? ""
                        : decode(pair.substring(eq + 1))));
            }
        }
        List<String[]> headers = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (Character.isWhitespace(line.charAt(0))) {
                String[] last = headers.getLast();
                last[1] = last[1] + " " + line;
            } else {
                int colon = line.indexOf(':');
                headers.add(new String[] {line.substring(0, colon), line.substring(colon + 1)});
            }
        }
        return SigV4.Request.of(method, path, query, headers.stream().map(h -> Map.entry(h[0], h[1])).toList(), body);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
