package dev.switchboard.access;

import static dev.switchboard.access.ResourceKind.ENDPOINT;
import static dev.switchboard.access.ResourceKind.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.core.GatewayException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Permission levels, the default level, admins and keys limited to endpoints, over a real SQLite file. */
class PermissionsTest {

    @TempDir
    Path dir;

    @Test
    void each_level_allows_what_the_one_below_does_and_more() {
        assertThat(allowed(Permission.NO_PERMISSIONS)).isEmpty();
        assertThat(allowed(Permission.READ)).containsExactly(Capability.READ);
        assertThat(allowed(Permission.USE)).containsExactly(Capability.READ, Capability.USE);
        assertThat(allowed(Permission.EDIT)).containsExactly(Capability.READ, Capability.USE, Capability.UPDATE);
        assertThat(allowed(Permission.MANAGE)).containsExactly(Capability.values());
        assertThat(Permission.parse(" use ")).isEqualTo(Permission.USE);
        assertThatThrownBy(() -> Permission.parse("OWNER")).isInstanceOf(GatewayException.InvalidRequest.class)
                .hasMessageContaining("NO_PERMISSIONS, READ, USE, EDIT, MANAGE");
    }

    private static Capability[] allowed(Permission level) {
        return Arrays.stream(Capability.values()).filter(level::allows).toArray(Capability[]::new);
    }

    @Test
    void a_principals_level_is_the_highest_its_rights_show() {
        try (AccessFixture f = AccessFixture.open(dir).withUsers()) {
            f.access.permissions().grant(ENDPOINT, "e1", "alice", Permission.EDIT, true, Optional.empty());
            Principal limited = f.access.keys().principal(f.access.keys().create("e1 only", "alice", Set.of("e1"),
                    OptionalLong.empty(), Optional.empty()).key()).orElseThrow();

            assertThat(f.alice().level(ENDPOINT, "e1")).isEqualTo(Permission.EDIT);
            assertThat(f.alice().level(ENDPOINT, "e2")).isEqualTo(Permission.NO_PERMISSIONS);
            assertThat(limited.level(ENDPOINT, "e1")).as("a call-only key").isEqualTo(Permission.USE);
            assertThat(Principal.OPEN.level(SECRET, "s1")).isEqualTo(Permission.MANAGE);
        }
    }

    @Test
    void a_user_can_do_what_the_level_given_allows_on_that_resource_only() {
        try (AccessFixture f = AccessFixture.open(dir).withUsers()) {
            f.access.permissions().grant(ENDPOINT, "e1", "alice", Permission.USE, true, Optional.empty());
            Principal.User alice = f.alice();

            assertThat(alice.can(ENDPOINT, "e1", Capability.USE)).isTrue();
            assertThat(alice.can(ENDPOINT, "e1", Capability.UPDATE)).isFalse();
            assertThat(alice.can(ENDPOINT, "e2", Capability.READ)).isFalse();
            assertThat(alice.can(SECRET, "e1", Capability.READ)).as("another kind, same id").isFalse();
            assertThatThrownBy(() -> alice.require(ENDPOINT, "e2", Capability.USE))
                    .isInstanceOf(GatewayException.Forbidden.class).hasMessageContaining("USE");

            f.access.permissions().update(ENDPOINT, "e1", "alice", Permission.EDIT, Optional.empty());
            assertThat(f.alice().can(ENDPOINT, "e1", Capability.UPDATE)).isTrue();
            assertThat(f.alice().can(ENDPOINT, "e1", Capability.DELETE)).isFalse();
            assertThat(f.newAccessControl().permissions().get(ENDPOINT, "e1", "alice").permission())
                    .as("after a restart").isEqualTo(Permission.EDIT);

            f.access.permissions().revoke(ENDPOINT, "e1", "alice");
            assertThat(f.alice().can(ENDPOINT, "e1", Capability.READ)).isFalse();
            assertThat(f.access.permissions().list(ENDPOINT, "e1")).isEmpty();
        }
    }

    @Test
    void granting_twice_on_a_missing_resource_or_to_a_missing_user_is_refused() {
        try (AccessFixture f = AccessFixture.open(dir).withUsers()) {
            f.access.permissions().grant(ENDPOINT, "e1", "alice", Permission.READ, true, Optional.empty());

            assertThatThrownBy(() -> f.access.permissions().grant(ENDPOINT, "e1", "alice", Permission.USE, true, Optional.empty()))
                    .isInstanceOf(GatewayException.AlreadyExists.class);
            assertThatThrownBy(() -> f.access.permissions().grant(ENDPOINT, "nope", "alice", Permission.USE, true, Optional.empty()))
                    .isInstanceOf(GatewayException.NotFound.class);
            assertThatThrownBy(() -> f.access.permissions().grant(ENDPOINT, "e1", "nobody", Permission.USE, true, Optional.empty()))
                    .isInstanceOf(GatewayException.NotFound.class);
            assertThatThrownBy(() -> f.access.permissions().update(ENDPOINT, "e2", "alice", Permission.USE, Optional.empty()))
                    .isInstanceOf(GatewayException.NotFound.class);
            assertThatThrownBy(() -> f.access.permissions().revoke(ENDPOINT, "e2", "alice"))
                    .isInstanceOf(GatewayException.NotFound.class);
            assertThat(f.access.permissions().list(ENDPOINT, "e1")).singleElement()
                    .satisfies(p -> assertThat(p.permission()).isEqualTo(Permission.READ));
        }
    }

    @Test
    void the_default_level_applies_where_none_was_given() {
        try (AccessFixture f = AccessFixture.open(dir, new AccessSettings(true, Permission.READ, Duration.ofHours(1)))
                .withUsers()) {
            f.access.permissions().grant(ENDPOINT, "e1", "alice", Permission.NO_PERMISSIONS, true, Optional.empty());
            Principal.User alice = f.alice();

            assertThat(alice.can(ENDPOINT, "e2", Capability.READ)).isTrue();
            assertThat(alice.can(ENDPOINT, "e2", Capability.USE)).isFalse();
            assertThat(alice.can(ENDPOINT, "e1", Capability.READ)).as("a level given wins over the default").isFalse();
        }
    }

    @Test
    void an_admin_may_do_everything_without_being_given_anything() {
        try (AccessFixture f = AccessFixture.open(dir).withUsers()) {
            Principal.User admin = f.access.byPassword("admin", AccessFixture.ADMIN_PASSWORD, "127.0.0.1");

            for (Capability capability : Capability.values()) {
                assertThat(admin.can(ENDPOINT, "e2", capability)).isTrue();
                assertThat(admin.can(SECRET, "anything", capability)).isTrue();
            }
            f.access.users().updateAdmin("alice", true);
            assertThat(f.alice().can(SECRET, "s1", Capability.MANAGE)).isTrue();
        }
    }

    @Test
    void the_creator_of_a_resource_gets_manage() {
        try (AccessFixture f = AccessFixture.open(dir).withUsers()) {
            f.access.permissions().grantCreator(f.alice(), SECRET, "s1");

            assertThat(f.alice().can(SECRET, "s1", Capability.MANAGE)).isTrue();
            f.access.permissions().grantCreator(Principal.OPEN, SECRET, "s1");
        }
    }

    @Test
    void a_key_acts_as_its_owner_limited_to_its_endpoints() {
        try (AccessFixture f = AccessFixture.open(dir).withUsers()) {
            f.access.permissions().grant(ENDPOINT, "e1", "alice", Permission.USE, true, Optional.empty());
            f.access.permissions().grant(ENDPOINT, "e2", "alice", Permission.USE, true, Optional.empty());
            String limited = f.access.keys().create("e1 only", "alice", Set.of("e1"), OptionalLong.empty(),
                    Optional.empty()).key();
            String open = f.access.keys().create("all", "alice", Set.of(), OptionalLong.empty(), Optional.empty()).key();

            Principal onlyE1 = f.access.keys().principal(limited).orElseThrow();
            assertThat(onlyE1.can(ENDPOINT, "e1", Capability.USE)).isTrue();
            assertThat(onlyE1.can(ENDPOINT, "e2", Capability.USE)).isFalse();
            assertThat(onlyE1.actor()).hasValue("alice (gateway key e1 only)");
            Principal all = f.access.keys().principal(open).orElseThrow();
            assertThat(all.can(ENDPOINT, "e2", Capability.USE)).isTrue();
            assertThat(all.can(ENDPOINT, "e2", Capability.UPDATE)).as("never more than its owner").isFalse();

            f.access.permissions().revoke(ENDPOINT, "e1", "alice");
            assertThat(f.access.keys().principal(limited).orElseThrow().can(ENDPOINT, "e1", Capability.USE))
                    .as("a level taken from the owner is taken from the key").isFalse();
        }
    }

    @Test
    void a_key_follows_its_owner_being_made_or_unmade_an_admin() {
        try (AccessFixture f = AccessFixture.open(dir).withUsers()) {
            String key = f.access.keys().create("all", "alice", Set.of(), OptionalLong.empty(), Optional.empty()).key();
            assertThat(f.access.keys().principal(key).orElseThrow().admin()).isFalse();

            f.access.users().updateAdmin("alice", true);
            assertThat(f.access.keys().principal(key).orElseThrow().admin()).isTrue();
            f.access.users().updateAdmin("alice", false);
            assertThat(f.access.keys().principal(key).orElseThrow().can(SECRET, "s1", Capability.READ)).isFalse();
        }
    }

    @Test
    void an_admins_key_limited_to_endpoints_is_no_admin() {
        try (AccessFixture f = AccessFixture.open(dir).withUsers()) {
            Principal limited = f.access.keys().principal(f.access.keys().create("e1 only", "admin", Set.of("e1"),
                    OptionalLong.empty(), Optional.empty()).key()).orElseThrow();
            Principal open = f.access.keys().principal(f.access.keys().create("all", "admin", Set.of(),
                    OptionalLong.empty(), Optional.empty()).key()).orElseThrow();

            assertThat(limited.admin()).isFalse();
            // A key limited to endpoints only calls them: USE there, no more.
            assertThat(limited.can(ENDPOINT, "e1", Capability.USE)).isTrue();
            assertThat(limited.can(ENDPOINT, "e1", Capability.UPDATE)).isFalse();
            assertThat(limited.can(ENDPOINT, "e2", Capability.READ)).isFalse();
            assertThatThrownBy(() -> limited.requireAdmin("create users")).isInstanceOf(GatewayException.Forbidden.class);
            assertThat(open.admin()).isTrue();
        }
    }

    @Test
    void a_key_limited_to_endpoints_cannot_administer_secrets_or_model_definitions() {
        try (AccessFixture f = AccessFixture.open(dir).withUsers()) {
            Principal limited = f.access.keys().principal(f.access.keys().create("e1 only", "admin", Set.of("e1"),
                    OptionalLong.empty(), Optional.empty()).key()).orElseThrow();

            // "A key limited to some endpoints is for calling them, never for administering the gateway."
            assertThat(limited.can(SECRET, "s1", Capability.READ)).isFalse();
            assertThat(limited.can(ResourceKind.MODEL_DEFINITION, "m1", Capability.DELETE)).isFalse();
        }
    }

    @Test
    void a_non_admins_key_limited_to_endpoints_cannot_manage_the_secrets_its_owner_manages() {
        try (AccessFixture f = AccessFixture.open(dir).withUsers()) {
            f.access.permissions().grantCreator(f.alice(), SECRET, "s1");
            Principal limited = f.access.keys().principal(f.access.keys().create("e1 only", "alice", Set.of("e1"),
                    OptionalLong.empty(), Optional.empty()).key()).orElseThrow();

            assertThat(limited.can(SECRET, "s1", Capability.UPDATE)).isFalse();
        }
    }
}
