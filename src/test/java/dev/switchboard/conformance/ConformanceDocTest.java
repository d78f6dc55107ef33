package dev.switchboard.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/conformance.md} says what the matrix declares. Run with
 * {@code -Dconformance.write=true} to write the page from the declarations.
 */
class ConformanceDocTest {

    @Test
    void the_conformance_page_is_the_matrix_as_declared() throws IOException {
        Path page = Path.of(ConformanceDoc.PATH);
        String rendered = ConformanceDoc.render();
        if (Boolean.getBoolean("conformance.write")) {
            Files.writeString(page, rendered, StandardCharsets.UTF_8);
        }

        assertThat(Files.exists(page) ? Files.readString(page, StandardCharsets.UTF_8) : "")
                .as("%s is out of date with the matrix; regenerate it with: %s", page, ConformanceDoc.REGENERATE)
                .isEqualTo(rendered);
    }
}
