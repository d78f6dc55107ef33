package dev.switchboard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.TestGateway;
import dev.switchboard.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RotateKekCommandTest {

    @TempDir
    Path dir;

    @Test
    void rewraps_every_secret_so_only_the_new_passphrase_opens_them() {
        try (TestGateway gw = TestGateway.start(dir, Map.of("SWITCHBOARD_KEK_PASSPHRASE", "old one"))) {
            for (String name : new String[] {"a", "b"}) {
                assertThat(gw.api("POST", "secrets/create",
                        "{\"secret_name\":\"" + name + "\",\"secret_value\":{\"api_key\":\"sk-0123456789\"}}").status())
                        .isEqualTo(200);
            }
        }

        Run run = rotate(Map.of("SWITCHBOARD_KEK_PASSPHRASE", "old one"), "--new-passphrase", "new one");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Re-wrapped 2 secret(s) under key version 2")
                .doesNotContain("new one").doesNotContain("old one");
        try (TestGateway gw = TestGateway.start(dir, Map.of("SWITCHBOARD_KEK_PASSPHRASE", "new one",
                "SWITCHBOARD_KEK_VERSION", "2"))) {
            assertThat(gw.gateway().secretsStatus().available()).isTrue();
        }
        try (TestGateway gw = TestGateway.start(dir, Map.of("SWITCHBOARD_KEK_PASSPHRASE", "old one"))) {
            assertThat(gw.gateway().secretsStatus().available()).isFalse();
        }
    }

    @Test
    void refuses_to_rotate_with_a_passphrase_that_does_not_open_the_secrets() {
        try (TestGateway gw = TestGateway.start(dir, Map.of("SWITCHBOARD_KEK_PASSPHRASE", "right"))) {
            gw.api("POST", "secrets/create", "{\"secret_name\":\"a\",\"secret_value\":{\"api_key\":\"sk-0123456789\"}}");
        }

        Run run = rotate(Map.of("SWITCHBOARD_KEK_PASSPHRASE", "wrong"), "--new-passphrase", "new");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("passphrase does not match");
        try (TestGateway gw = TestGateway.start(dir, Map.of("SWITCHBOARD_KEK_PASSPHRASE", "right"))) {
            assertThat(gw.gateway().secretsStatus().available()).isTrue();
        }
    }

    @Test
    void needs_a_current_passphrase() {
        Run run = rotate(Map.of(), "--new-passphrase", "new");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("No current passphrase");
    }

    private Run rotate(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new RotateKekCommand(env));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        all[0] = "--db";
        all[1] = TestDatabase.location(dir, "switchboard.db");
        System.arraycopy(args, 0, all, 2, args.length);
        int code = cli.execute(all);
        return new Run(code, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) { }
}
