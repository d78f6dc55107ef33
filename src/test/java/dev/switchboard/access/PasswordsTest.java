package dev.switchboard.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;

class PasswordsTest {

    private final Passwords passwords = new Passwords();

    @Test
    void a_hash_is_an_argon2id_phc_string_with_owasp_parameters() {
        String hash = passwords.hash("correct horse battery staple");

        assertThat(hash).matches("\\$argon2id\\$v=19\\$m=7168,t=5,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}")
                .doesNotContain("correct horse");
    }

    @Test
    void the_right_password_verifies_and_a_wrong_one_does_not() {
        String hash = passwords.hash("correct horse battery staple");

        assertThat(passwords.verify("correct horse battery staple", hash)).isTrue();
        assertThat(passwords.verify("correct horse battery stapler", hash)).isFalse();
        assertThat(passwords.verify("", hash)).isFalse();
    }

    @Test
    void each_hash_has_its_own_salt() {
        String first = passwords.hash("the same password");
        String second = passwords.hash("the same password");

        assertThat(first).isNotEqualTo(second);
        assertThat(first.split("\\$")[4]).isNotEqualTo(second.split("\\$")[4]);
        assertThat(passwords.verify("the same password", first)).isTrue();
        assertThat(passwords.verify("the same password", second)).isTrue();
    }

    @Test
    void a_hash_made_with_other_parameters_still_verifies() {
        byte[] salt = "sixteen byte slt".getBytes(StandardCharsets.UTF_8);
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(1024).withIterations(1)
                .withParallelism(1).withSalt(salt).build());
        byte[] out = new byte[32];
        generator.generateBytes("an older password".getBytes(StandardCharsets.UTF_8), out);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        String older = "$argon2id$v=19$m=1024,t=1,p=1$" + b64.encodeToString(salt) + "$" + b64.encodeToString(out);

        assertThat(passwords.verify("an older password", older)).isTrue();
        assertThat(passwords.verify("another password", older)).isFalse();
    }

    @Test
    void a_malformed_or_foreign_hash_never_verifies() {
        String hash = passwords.hash("a password of some length");

        assertThat(passwords.verify("a password of some length", hash.replace("argon2id", "argon2i"))).isFalse();
        assertThat(passwords.verify("a password of some length", "")).isFalse();
        assertThat(passwords.verify("a password of some length", "a password of some length")).isFalse();
        assertThat(passwords.verify("x", "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy")).isFalse();
    }
}
