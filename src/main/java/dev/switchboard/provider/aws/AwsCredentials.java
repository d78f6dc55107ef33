package dev.switchboard.provider.aws;

import java.util.Optional;

/**
 * An AWS access key: its id, its secret and, for temporary credentials (STS, an assumed role, SSO),
 * the session token. Only {@link SigV4} reads the secret and the token, and {@code toString} shows
 * neither, so the credentials cannot leak through a log line or an error message.
 */
public final class AwsCredentials {

    private final String accessKeyId;
    private final String secretAccessKey;
    private final Optional<String> sessionToken;

    private AwsCredentials(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {
        this.accessKeyId = requireText(accessKeyId, "access key id");
        this.secretAccessKey = requireText(secretAccessKey, "secret access key");
        sessionToken.ifPresent(token -> requireText(token, "session token"));
        this.sessionToken = sessionToken;
    }

    /** Long-term credentials (an IAM user's access key). */
    public static AwsCredentials of(String accessKeyId, String secretAccessKey) {
        return new AwsCredentials(accessKeyId, secretAccessKey, Optional.empty());
    }

    /** Temporary credentials, whose session token is sent as {@code X-Amz-Security-Token}. */
    public static AwsCredentials of(String accessKeyId, String secretAccessKey, String sessionToken) {
        return new AwsCredentials(accessKeyId, secretAccessKey, Optional.of(sessionToken));
    }

    /** The key id, which is not a secret: it is sent in every request's {@code Authorization} header. */
    public String accessKeyId() {
        return accessKeyId;
    }

    String secretAccessKey() {
        return secretAccessKey;
    }

    Optional<String> sessionToken() {
        return sessionToken;
    }

    @Override
    public String toString() {
        return "AwsCredentials[accessKeyId=" + accessKeyId + ", secretAccessKey=***"
                + (sessionToken.isPresent() ? ", sessionToken=***" : "") + "]";
    }

    /** Names the missing field, never shows a value (it may be a secret pasted in the wrong field). */
    private static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The AWS " + field + " is empty");
        }
        return value;
    }
}
