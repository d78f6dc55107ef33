package dev.switchboard.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The conformance matrix: every declared cell (scenario, caller surface, provider kind, mode) run
 * through one real gateway, each asserting what its declaration promises. A cell listed as a known
 * bug must still fail, so that its entry goes when the bug does.
 */
class MatrixTest {

    @TempDir
    static Path dir;
    static ConformanceGateway gateway;
    static Sdks sdks;

    @BeforeAll
    static void start() {
        gateway = ConformanceGateway.start(dir);
        sdks = new Sdks();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        sdks.close();
    }

    /** Every cell; {@code -Dmatrix.scenarios=TEXT,SAMPLING} runs only those scenarios' cells. */
    static List<Cell> cells() {
        String only = System.getProperty("matrix.scenarios", "");
        return Matrix.cells().stream()
                .filter(cell -> only.isEmpty() || List.of(only.split(",")).contains(cell.scenario().name())).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void each_cell_keeps_what_it_declares(Cell cell) {
        Run run = new Run(cell, gateway, sdks);
        Optional<String> bug = Matrix.knownBug(cell);
        if (bug.isPresent()) {
            assertThatThrownBy(() -> cell.scenario().check.run(run))
                    .as("%s passes: the known bug (%s) is fixed, so remove it from Matrix", cell, bug.get())
                    .isInstanceOfAny(AssertionError.class, RuntimeException.class);
            return;
        }
        try {
            cell.scenario().check.run(run);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(Matrix.name(cell) + " (" + cell.declaration().verdict() + "): " + e, e);
        }
    }

    @Test
    void every_cell_is_declared_once_with_losses_and_refusals_of_its_own_scenario() {
        assertThat(Matrix.problems()).isEmpty();
    }

    @Test
    void every_loss_and_refusal_is_declared_by_some_cell() {
        List<Cell> cells = Matrix.cells();
        for (Loss loss : Loss.values()) {
            assertThat(cells).as("cells losing %s", loss).anyMatch(cell -> cell.declaration().loses(loss));
        }
        for (Refusal refusal : Refusal.values()) {
            assertThat(cells).as("cells refused with %s", refusal)
                    .anyMatch(cell -> cell.declaration().refusal().equals(Optional.of(refusal)));
        }
    }
}
