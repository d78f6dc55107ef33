package dev.switchboard.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.catalog.CatalogSource;
import dev.switchboard.catalog.ModelCatalog;
import dev.switchboard.catalog.ModelInfo;
import dev.switchboard.core.Usage;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The catalog's prices applied to calls, kept per model until the catalog changes. */
class PricerTest {

    private static final Usage USAGE = new Usage(1_000, 200, 0, 0, 0);

    private static ModelInfo model(String name, double input, double output) {
        return ModelInfo.named("acme", name, "chat").withCosts(OptionalDouble.of(input), OptionalDouble.of(output),
                OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty());
    }

    private static ModelCatalog catalog(ModelInfo... models) {
        ModelCatalog catalog = new ModelCatalog(List.of(), Optional.empty());
        catalog.install(new CatalogSource.Loaded(List.of(models), List.of(), "test"));
        return catalog;
    }

    @Test
    void aCallIsPricedAtItsModelsRatesWithThePricesUsed() {
        Pricer pricer = new Pricer(catalog(model("fast", 1e-6, 4e-6)));

        Pricer.Priced priced = pricer.price("acme", "fast", USAGE);

        // 1,000 × 1e-6 + 200 × 4e-6
        assertThat(priced.cost()).hasValueSatisfying(cost -> assertThat(cost).isEqualByComparingTo("0.0018"));
        assertThat(priced.price()).hasValueSatisfying(price -> assertThat(price.json())
                .isEqualTo("{\"input\":1.0E-6,\"output\":4.0E-6}"));
    }

    @Test
    void aModelTheCatalogDoesNotKnowHasNoCostUnlessTheCallUsedNoTokens() {
        Pricer pricer = new Pricer(catalog(model("fast", 1e-6, 4e-6)));

        assertThat(pricer.price("acme", "custom", USAGE)).isEqualTo(new Pricer.Priced(Optional.empty(),
                Optional.empty()));
        assertThat(pricer.price("acme", "custom", Usage.NONE).cost()).hasValueSatisfying(cost ->
                assertThat(cost).isZero());
        assertThat(pricer.price("", "", USAGE).cost()).isEmpty();
        assertThat(Pricer.NONE.price("acme", "fast", USAGE).cost()).isEmpty();
    }

    @Test
    void aRefreshedCatalogsPricesApplyToTheNextCall() {
        ModelCatalog catalog = catalog(model("fast", 1e-6, 4e-6));
        Pricer pricer = new Pricer(catalog);
        assertThat(pricer.price("acme", "fast", USAGE).cost()).hasValueSatisfying(cost ->
                assertThat(cost).isEqualByComparingTo("0.0018"));

        catalog.install(new CatalogSource.Loaded(List.of(model("fast", 2e-6, 8e-6), model("new", 1e-6, 1e-6)),
                List.of(), "test"));

        assertThat(pricer.price("acme", "fast", USAGE).cost()).hasValueSatisfying(cost ->
                assertThat(cost).isEqualByComparingTo("0.0036"));
        assertThat(pricer.price("acme", "new", USAGE).cost()).hasValueSatisfying(cost ->
                assertThat(cost).isEqualByComparingTo("0.0012"));
    }
}
