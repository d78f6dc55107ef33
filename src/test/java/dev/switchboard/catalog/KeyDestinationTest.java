package dev.switchboard.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Which auth_config fields decide where a stored key is sent. */
class KeyDestinationTest {

    @Test
    void every_config_field_of_the_catalog_is_classified_as_choosing_the_host_or_not() {
        Set<String> unclassified = new TreeSet<>();
        for (ProviderInfo provider : ProviderCatalogTest.CATALOG.all()) {
            for (AuthMode mode : provider.authModes()) {
                mode.configFields().stream().map(AuthField::name)
                        .filter(name -> !KeyDestination.FIELDS.contains(name) && !KeyDestination.SAME_HOST.contains(name))
                        .forEach(unclassified::add);
            }
        }

        assertThat(unclassified).as("config fields to add to KeyDestination.FIELDS or SAME_HOST").isEmpty();
        assertThat(KeyDestination.FIELDS).doesNotContainAnyElementsOf(KeyDestination.SAME_HOST);
    }

    @Test
    void a_changed_removed_or_added_api_base_is_a_change_of_destination() {
        Map<String, Object> before = Map.of("api_base", "https://a.example.com", "organization", "o");

        assertThat(KeyDestination.changed(before, Map.of("api_base", "https://b.example.com"))).containsExactly("api_base");
        assertThat(KeyDestination.changed(before, Map.of())).containsExactly("api_base");
        assertThat(KeyDestination.changed(Map.of(), before)).containsExactly("api_base");
        assertThat(KeyDestination.changed(Map.of(), Map.of("aws_region_name", "us-east-1")))
                .containsExactly("aws_region_name");
    }

    @Test
    void the_same_destination_or_other_fields_changing_is_not() {
        Map<String, Object> before = Map.of("api_base", "https://a.example.com", "organization", "o");

        assertThat(KeyDestination.changed(before, Map.of("api_base", "https://a.example.com", "organization", "p")))
                .isEmpty();
        assertThat(KeyDestination.changed(Map.of("api_base", ""), Map.of())).isEmpty();
    }
}
