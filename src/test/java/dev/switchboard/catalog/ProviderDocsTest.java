package dev.switchboard.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/providers.md lists the providers that can be called, and those that cannot, as the table does. */
class ProviderDocsTest {

    private static final Pattern ROW_ID = Pattern.compile("^\\| `([^`]+)` \\|", Pattern.MULTILINE);

    private static List<String> ids(String section) {
        List<String> ids = new ArrayList<>();
        Matcher m = ROW_ID.matcher(section);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    @Test
    void lists_every_provider_under_whether_it_can_be_called() throws IOException {
        String doc = Files.readString(Path.of("docs/providers.md"));
        String callable = doc.substring(doc.indexOf("## Providers that can be called"),
                doc.indexOf("## Providers that cannot be called"));
        String notCallable = doc.substring(doc.indexOf("## Providers that cannot be called"),
                doc.indexOf("## The provider table"));
        List<ProviderInfo> table = ProviderTable.bundled().providers();

        assertThat(ids(callable)).containsExactlyInAnyOrderElementsOf(
                table.stream().filter(p -> p.callable().isPresent()).map(ProviderInfo::id).toList());
        assertThat(ids(notCallable)).containsExactlyInAnyOrderElementsOf(
                table.stream().filter(p -> p.callable().isEmpty()).map(ProviderInfo::id).toList());
    }
}
