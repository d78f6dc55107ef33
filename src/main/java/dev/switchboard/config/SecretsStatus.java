package dev.switchboard.config;

import java.util.Optional;

/**
 * The state of secret encryption, as {@code secrets/config} reports it. {@code problem} explains,
 * without revealing anything secret, why secrets are unavailable.
 */
public record SecretsStatus(boolean available, boolean usingDefaultPassphrase, Optional<String> problem) {
}
