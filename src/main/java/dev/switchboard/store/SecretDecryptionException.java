package dev.switchboard.store;

/**
 * A stored secret could not be decrypted: wrong KEK passphrase or version, changed secret id or
 * name (they are bound as AAD), or corrupted bytes. The message is fixed and MLflow's, and never
 * carries key material or plaintext; nor does it keep a cause, whose message could.
 */
public final class SecretDecryptionException extends RuntimeException {

    static final String MESSAGE =
            "Failed to decrypt secret. Check KEK passphrase, secret metadata, or database integrity.";

    SecretDecryptionException() {
        super(MESSAGE);
    }
}
