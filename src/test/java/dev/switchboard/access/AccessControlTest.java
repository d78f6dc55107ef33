package dev.switchboard.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.GatewayException;
import dev.switchboard.testing.KeyLeaks;
import dev.switchboard.testing.LogCapture;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Users, sessions and gateway keys in {@link AccessControl}, over a real SQLite file. */
class AccessControlTest {

    @TempDir
    Path dir;
    AccessFixture fixture;
    AccessControl access;

    @RegisterExtension
    final LogCapture logs = new LogCapture();

    @BeforeEach
    void open() {
        fixture = AccessFixture.open(dir, new AccessSettings(true, Permission.NO_PERMISSIONS, Duration.ofHours(1)))
                .withUsers();
        access = fixture.access;
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private static String sha256(String secret) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(secret.getBytes(StandardCharsets.UTF_8)));
    }

    // ---- Users ----

    @Test
    void a_user_is_stored_with_an_argon2id_hash_and_never_the_password() {
        Users.UserView alice = access.users().get("alice");

        assertThat(alice.isAdmin()).isFalse();
        assertThat(access.users().get("admin").isAdmin()).isTrue();
        Map<String, Object> row = fixture.row("SELECT * FROM users WHERE username = ?", "alice");
        assertThat((String) row.get("password_hash")).startsWith("$argon2id$v=19$");
        fixture.assertNotStored("alice's password", AccessFixture.ALICE_PASSWORD);
        fixture.assertNotStored("the admin's password", AccessFixture.ADMIN_PASSWORD);
        assertThat(access.users().list()).extracting(Users.UserView::username).containsExactly("admin", "alice");
    }

    @Test
    void a_taken_name_a_short_password_and_a_name_with_a_colon_are_refused() {
        assertThatThrownBy(() -> access.users().create("alice", "another long password", false, Optional.empty()))
                .isInstanceOf(GatewayException.AlreadyExists.class);
        assertThatThrownBy(() -> access.users().create("bob", "elevenchars", false, Optional.empty()))
                .isInstanceOf(GatewayException.InvalidRequest.class).hasMessageContaining("12");
        assertThatThrownBy(() -> access.users().create("bob:x", "a long enough password", false, Optional.empty()))
                .isInstanceOf(GatewayException.InvalidRequest.class);
        assertThatThrownBy(() -> access.users().updatePassword("alice", "short"))
                .isInstanceOf(GatewayException.InvalidRequest.class);
        assertThat(access.users().list()).hasSize(2);
    }

    @Test
    void a_wrong_password_or_an_unknown_user_is_refused_alike() {
        assertThatThrownBy(() -> access.signIn("alice", "not alice's password", "10.0.0.1"))
                .isInstanceOf(GatewayException.Unauthenticated.class).hasMessage("Wrong username or password.");
        assertThatThrownBy(() -> access.signIn("nobody", AccessFixture.ALICE_PASSWORD, "10.0.0.1"))
                .isInstanceOf(GatewayException.Unauthenticated.class).hasMessage("Wrong username or password.");
        assertThatThrownBy(() -> access.byPassword("alice", "not alice's password", "10.0.0.1"))
                .isInstanceOf(GatewayException.Unauthenticated.class);
    }

    @Test
    void a_new_password_ends_every_session_and_the_remembered_basic_credential() {
        AccessControl.SignedIn session = access.signIn("alice", AccessFixture.ALICE_PASSWORD, "10.0.0.1");
        assertThat(access.bySession(session.sessionId())).isPresent();
        assertThat(access.byPassword("alice", AccessFixture.ALICE_PASSWORD, "10.0.0.1").username()).isEqualTo("alice");

        access.users().updatePassword("alice", "alice's brand new password");

        assertThat(access.bySession(session.sessionId())).isEmpty();
        assertThatThrownBy(() -> access.byPassword("alice", AccessFixture.ALICE_PASSWORD, "10.0.0.1"))
                .isInstanceOf(GatewayException.Unauthenticated.class);
        assertThat(access.byPassword("alice", "alice's brand new password", "10.0.0.1").username()).isEqualTo("alice");
        assertThat(fixture.newAccessControl().bySession(session.sessionId())).as("after a restart too").isEmpty();
    }

    @Test
    void the_last_admin_can_be_neither_deleted_nor_demoted() {
        assertThatThrownBy(() -> access.users().delete("admin")).isInstanceOf(GatewayException.InvalidState.class);
        assertThatThrownBy(() -> access.users().updateAdmin("admin", false)).isInstanceOf(GatewayException.InvalidState.class);
        assertThat(access.users().get("admin").isAdmin()).isTrue();

        access.users().updateAdmin("alice", true);
        access.users().updateAdmin("admin", false);
        assertThatThrownBy(() -> access.users().delete("alice")).isInstanceOf(GatewayException.InvalidState.class);
        access.users().delete("admin");
        assertThat(access.users().list()).extracting(Users.UserView::username).containsExactly("alice");
        assertThat(access.createInitialAdmin("a password for a second admin")).as("users exist").isFalse();
    }

    @Test
    void deleting_a_user_ends_their_sessions_and_keys() {
        AccessControl.SignedIn session = access.signIn("alice", AccessFixture.ALICE_PASSWORD, "10.0.0.1");
        String key = access.keys().create("ci", "alice", Set.of(), OptionalLong.empty(), Optional.empty()).key();

        access.users().delete("alice");

        assertThat(access.bySession(session.sessionId())).isEmpty();
        assertThatThrownBy(() -> access.keys().principal(key)).isInstanceOf(GatewayException.Unauthenticated.class);
    }

    // ---- Sessions ----

    @Test
    void a_session_lasts_its_lifetime_and_no_longer() {
        AccessControl.SignedIn session = access.signIn("alice", AccessFixture.ALICE_PASSWORD, "10.0.0.1");

        fixture.clock.advance(Duration.ofMinutes(59));
        assertThat(access.bySession(session.sessionId())).hasValueSatisfying(s -> {
            assertThat(s.user().username()).isEqualTo("alice");
            assertThat(s.csrfToken()).isEqualTo(session.csrfToken());
        });
        fixture.clock.advance(Duration.ofMinutes(1));
        assertThat(access.bySession(session.sessionId())).isEmpty();
        assertThat(fixture.newAccessControl().bySession(session.sessionId())).isEmpty();
    }

    @Test
    void a_session_is_stored_as_its_hash_and_ends_on_sign_out() throws Exception {
        AccessControl.SignedIn session = access.signIn("alice", AccessFixture.ALICE_PASSWORD, "10.0.0.1");

        assertThat(fixture.row("SELECT COUNT(*) AS n FROM sessions WHERE session_hash = ?",
                sha256(session.sessionId())).get("n")).isEqualTo(1);
        fixture.assertNotStored("the session id", session.sessionId());
        assertThat(fixture.newAccessControl().bySession(session.sessionId())).as("after a restart").isPresent();
        assertThat(access.bySession("not a session")).isEmpty();

        access.signOut(session.sessionId());
        assertThat(access.bySession(session.sessionId())).isEmpty();
    }

    @Test
    void too_many_wrong_passwords_from_an_address_lock_the_user_there_even_with_the_right_one_until_the_window_passes() {
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> access.signIn("alice", "a wrong password!", "10.0.0.1"))
                    .isInstanceOf(GatewayException.Unauthenticated.class);
        }

        assertThatThrownBy(() -> access.signIn("alice", AccessFixture.ALICE_PASSWORD, "10.0.0.1"))
                .isInstanceOf(GatewayException.TooManyRequests.class).hasMessageContaining("try again in");
        assertThat(access.signIn("alice", AccessFixture.ALICE_PASSWORD, "10.0.0.2").user().username())
                .as("the same user from another address is not locked out by those ten").isEqualTo("alice");
        assertThat(access.signIn("admin", AccessFixture.ADMIN_PASSWORD, "10.0.0.1").user().username())
                .isEqualTo("admin");
        fixture.clock.advance(Duration.ofMinutes(15));
        assertThat(access.signIn("alice", AccessFixture.ALICE_PASSWORD, "10.0.0.1").user().username())
                .isEqualTo("alice");
    }

    // ---- Gateway keys ----

    @Test
    void a_key_starts_with_sb_and_only_its_sha256_is_stored() throws Exception {
        GatewayKeys.NewKey made = access.keys().create("ci", "alice", Set.of("e1"), OptionalLong.empty(),
                Optional.of("alice"));
        String key = made.key();

        assertThat(key).startsWith("sb-").hasSizeGreaterThan(40);
        assertThat(made.view().prefix()).isEqualTo(key.substring(0, 9));
        assertThat(made.toString()).doesNotContain(key);
        Map<String, Object> row = fixture.row("SELECT * FROM gateway_keys WHERE key_id = ?", made.view().keyId());
        assertThat(row.get("key_hash")).isEqualTo(sha256(key));
        assertThat(row.values()).allSatisfy(value -> assertThat(String.valueOf(value)).doesNotContain(key));
        fixture.assertNotStored("the key", key);
        assertThat(access.keys().list(fixture.alice())).singleElement().satisfies(view -> {
            assertThat(view.status()).isEqualTo("active");
            assertThat(view.endpoints()).containsExactly(new GatewayKeys.KeyEndpoint("e1", "one"));
        });

        Principal principal = fixture.newAccessControl().keys().principal(key).orElseThrow();
        assertThat(principal.user().orElseThrow().username()).as("after a restart").isEqualTo("alice");
    }

    @Test
    void a_revoked_key_fails_on_the_very_next_call_saying_so() {
        GatewayKeys.NewKey made = access.keys().create("ci", "alice", Set.of(), OptionalLong.empty(), Optional.empty());
        assertThat(access.keys().principal(made.key())).isPresent();

        GatewayKeys.KeyView revoked = access.keys().revoke(made.view().keyId(), fixture.alice());

        assertThat(revoked.status()).isEqualTo("revoked");
        assertThatThrownBy(() -> access.keys().principal(made.key())).isInstanceOf(GatewayException.Unauthenticated.class)
                .hasMessageContaining("revoked").hasMessageContaining(made.view().prefix())
                .hasMessageNotContaining(made.key());
        assertThatThrownBy(() -> fixture.newAccessControl().keys().principal(made.key()))
                .as("after a restart").isInstanceOf(GatewayException.Unauthenticated.class);
    }

    @Test
    void only_the_owner_or_an_admin_may_revoke_a_key() {
        access.users().create("bob", "bob's password, long enough", false, Optional.empty());
        GatewayKeys.NewKey made = access.keys().create("ci", "alice", Set.of(), OptionalLong.empty(), Optional.empty());
        Principal.User bob = access.byPassword("bob", "bob's password, long enough", "10.0.0.1");

        assertThatThrownBy(() -> access.keys().revoke(made.view().keyId(), bob))
                .isInstanceOf(GatewayException.NotFound.class);
        assertThat(access.keys().list(bob)).isEmpty();
        assertThat(access.keys().principal(made.key())).isPresent();
        Principal.User admin = access.byPassword("admin", AccessFixture.ADMIN_PASSWORD, "10.0.0.1");
        assertThat(access.keys().list(admin)).hasSize(1);
        assertThat(access.keys().revoke(made.view().keyId(), admin).status()).isEqualTo("revoked");
    }

    @Test
    void a_key_expires_when_the_clock_passes_its_time() {
        long expiresAt = fixture.clock.millis() + 60_000;
        GatewayKeys.NewKey made = access.keys().create("ci", "alice", Set.of(), OptionalLong.of(expiresAt),
                Optional.empty());

        fixture.clock.advance(Duration.ofSeconds(59));
        assertThat(access.keys().principal(made.key())).isPresent();
        fixture.clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> access.keys().principal(made.key())).isInstanceOf(GatewayException.Unauthenticated.class)
                .hasMessageContaining("expired");
        assertThat(access.keys().list(fixture.alice()).getFirst().status()).isEqualTo("expired");
        assertThatThrownBy(() -> access.keys().create("late", "alice", Set.of(), OptionalLong.of(fixture.clock.millis()),
                Optional.empty())).isInstanceOf(GatewayException.InvalidRequest.class);
    }

    @Test
    void an_unknown_key_is_refused_and_a_value_that_is_no_key_is_not_one() {
        assertThatThrownBy(() -> access.keys().principal("sb-not-a-key-we-made")).isInstanceOf(GatewayException.Unauthenticated.class)
                .hasMessage("Invalid gateway key");
        assertThat(access.keys().principal("sk-proj-a-provider-key")).isEmpty();
        assertThatThrownBy(() -> access.keys().create("ci", "alice", Set.of("no-such-endpoint"), OptionalLong.empty(),
                Optional.empty())).isInstanceOf(GatewayException.NotFound.class);
    }

    @Test
    void when_a_key_was_last_used_is_written_on_a_flush() {
        GatewayKeys.NewKey made = access.keys().create("ci", "alice", Set.of(), OptionalLong.empty(), Optional.empty());
        fixture.clock.advance(Duration.ofMinutes(3));
        long usedAt = fixture.clock.millis();

        access.keys().principal(made.key());

        assertThat(fixture.row("SELECT last_used_at FROM gateway_keys WHERE key_id = ?", made.view().keyId())
                .get("last_used_at")).isNull();
        assertThat(access.keys().list(fixture.alice()).getFirst().lastUsedAt()).isEqualTo(usedAt);
        access.keys().flushLastUsed();
        assertThat(((Number) fixture.row("SELECT last_used_at FROM gateway_keys WHERE key_id = ?",
                made.view().keyId()).get("last_used_at")).longValue()).isEqualTo(usedAt);
        assertThat(fixture.newAccessControl().keys().list(fixture.alice()).getFirst().lastUsedAt()).isEqualTo(usedAt);
    }

    @Test
    void a_deleted_key_is_unknown() {
        GatewayKeys.NewKey made = access.keys().create("ci", "alice", Set.of(), OptionalLong.empty(), Optional.empty());

        access.keys().delete(made.view().keyId(), fixture.alice());

        assertThatThrownBy(() -> access.keys().principal(made.key())).hasMessage("Invalid gateway key");
        assertThat(access.keys().list(fixture.alice())).isEmpty();
    }

    // ---- Secrets stay secret ----

    @Test
    void no_password_key_or_session_id_appears_in_a_log_line_or_an_error() {
        List<String> said = new ArrayList<>();
        AccessControl.SignedIn session = access.signIn("alice", AccessFixture.ALICE_PASSWORD, "10.0.0.1");
        GatewayKeys.NewKey revoked = access.keys().create("ci", "alice", Set.of(), OptionalLong.empty(), Optional.empty());
        GatewayKeys.NewKey expiring = access.keys().create("soon", "alice", Set.of(),
                OptionalLong.of(fixture.clock.millis() + 1), Optional.empty());
        access.keys().principal(revoked.key());
        access.keys().flushLastUsed();
        access.keys().revoke(revoked.view().keyId(), fixture.alice());
        fixture.clock.advance(Duration.ofSeconds(1));
        for (Runnable refused : List.<Runnable>of(
                () -> access.keys().principal(revoked.key()),
                () -> access.keys().principal(expiring.key()),
                () -> access.keys().principal(revoked.key() + "x"),
                () -> access.signIn("alice", AccessFixture.ALICE_PASSWORD + "x", "10.0.0.1"),
                () -> access.users().create("bob", "short", false, Optional.empty()),
                () -> access.users().updatePassword("alice", AccessFixture.ADMIN_PASSWORD.substring(0, 5)))) {
            try {
                refused.run();
                said.add("no refusal");
            } catch (GatewayException e) {
                said.add(e.getMessage());
            }
        }
        access.users().updatePassword("alice", "alice's second password");
        access.close();

        String everything = String.join("\n", said) + "\n" + logs.text() + "\n" + session + revoked + expiring;
        assertThat(said).doesNotContain("no refusal");
        for (String secret : List.of(AccessFixture.ALICE_PASSWORD, AccessFixture.ADMIN_PASSWORD,
                "alice's second password", session.sessionId(), revoked.key(), expiring.key())) {
            KeyLeaks.assertNone("the log and the errors", everything, secret);
        }
    }
}
