package dev.switchboard.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.core.Usage;
import java.math.BigDecimal;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class PricingTest {

    private static final OptionalDouble NONE = OptionalDouble.empty();

    private static OptionalDouble rate(double perToken) {
        return OptionalDouble.of(perToken);
    }

    private static ModelInfo priced(OptionalDouble input, OptionalDouble output, OptionalDouble cacheRead,
                                    OptionalDouble cacheWrite, OptionalDouble reasoning) {
        return ModelInfo.named("test", "m", "chat").withCosts(input, output, cacheRead, cacheWrite, reasoning);
    }

    private static BigDecimal cost(ModelInfo model, Usage usage) {
        return Pricing.cost(model, usage).orElseThrow(() -> new AssertionError("no price for " + usage));
    }

    @Test
    void prices_each_kind_of_input_at_its_own_rate_without_counting_cached_tokens_twice() {
        // $3 in, $15 out, $0.30 cache read, $3.75 cache write per million.
        ModelInfo model = priced(rate(3e-6), rate(15e-6), rate(0.3e-6), rate(3.75e-6), NONE);
        // 10,000 input of which 6,000 read from and 2,000 written to the cache; 1,000 output of which 400 thinking.
        Usage usage = new Usage(10_000, 1_000, 6_000, 2_000, 400);

        // 2,000 × 3e-6 = 0.006; 6,000 × 0.3e-6 = 0.0018; 2,000 × 3.75e-6 = 0.0075; 1,000 × 15e-6 = 0.015
        assertThat(cost(model, usage)).isEqualByComparingTo("0.0303");
    }

    @Test
    void cache_reads_and_writes_fall_back_to_the_input_rate() {
        ModelInfo model = priced(rate(2.5e-6), rate(10e-6), NONE, NONE, NONE);

        // 1,000 × 2.5e-6 = 0.0025 (400 of them cached, same rate); 100 × 10e-6 = 0.001
        assertThat(cost(model, new Usage(1_000, 100, 400, 300, 0))).isEqualByComparingTo("0.0035");
    }

    @Test
    void a_cache_read_rate_discounts_only_the_cached_part() {
        ModelInfo model = priced(rate(2.5e-6), rate(10e-6), rate(1.25e-6), NONE, NONE);

        // 600 × 2.5e-6 = 0.0015; 400 × 1.25e-6 = 0.0005; 100 × 10e-6 = 0.001
        assertThat(cost(model, new Usage(1_000, 100, 400, 0, 0))).isEqualByComparingTo("0.003");
    }

    @Test
    void reasoning_tokens_take_the_reasoning_rate_when_the_model_has_one() {
        ModelInfo model = priced(rate(1e-6), rate(4e-6), NONE, NONE, rate(3.5e-6));

        // 100 × 1e-6 = 0.0001; (1,000 − 600) × 4e-6 = 0.0016; 600 × 3.5e-6 = 0.0021
        assertThat(cost(model, new Usage(100, 1_000, 0, 0, 600))).isEqualByComparingTo("0.0038");
    }

    @Test
    void reasoning_tokens_are_priced_as_the_output_they_are_part_of_otherwise() {
        ModelInfo model = priced(rate(1e-6), rate(4e-6), NONE, NONE, NONE);

        // 100 × 1e-6 = 0.0001; 1,000 × 4e-6 = 0.004
        assertThat(cost(model, new Usage(100, 1_000, 0, 0, 600))).isEqualByComparingTo("0.0041");
    }

    @Test
    void a_million_tokens_each_way_costs_the_published_prices() {
        ModelInfo gpt4oMini = ModelCatalog.bundled().find("openai", "gpt-4o-mini").orElseThrow();

        // $0.15 + $0.60 per million
        assertThat(cost(gpt4oMini, new Usage(1_000_000, 1_000_000, 0, 0, 0))).isEqualByComparingTo("0.75");
    }

    @Test
    void a_bundled_claude_model_prices_cache_writes_above_and_reads_below_the_input_rate() {
        ModelInfo sonnet = ModelCatalog.bundled().find("anthropic", "claude-sonnet-4-5").orElseThrow();

        // 1M uncached × $3 + 1M read × $0.30 + 1M written × $3.75 + 1M out × $15
        assertThat(cost(sonnet, new Usage(3_000_000, 1_000_000, 1_000_000, 1_000_000, 0)))
                .isEqualByComparingTo("22.05");
    }

    @Test
    void an_embedding_without_an_output_rate_is_priced_when_it_produced_no_output() {
        ModelInfo model = priced(rate(2e-8), NONE, NONE, NONE, NONE);

        assertThat(cost(model, new Usage(5_000, 0, 0, 0, 0))).isEqualByComparingTo("0.0001");
    }

    @Test
    void the_cost_is_unknown_when_tokens_used_have_no_rate() {
        assertThat(Pricing.cost(priced(NONE, rate(1e-6), NONE, NONE, NONE), new Usage(10, 10, 0, 0, 0))).isEmpty();
        assertThat(Pricing.cost(priced(rate(1e-6), NONE, NONE, NONE, NONE), new Usage(10, 10, 0, 0, 0))).isEmpty();
    }

    @Test
    void no_tokens_cost_nothing_even_without_rates() {
        assertThat(cost(ModelInfo.named("test", "m", "chat"), Usage.NONE)).isEqualByComparingTo("0");
    }

    @Test
    void counts_that_contradict_each_other_are_clamped_to_the_totals() {
        ModelInfo model = priced(rate(1e-6), rate(2e-6), rate(0.1e-6), rate(1.25e-6), rate(3e-6));

        // cache read clamped to the 100 input tokens: 100 × 0.1e-6 = 0.00001; reasoning clamped to
        // the 10 output tokens: 10 × 3e-6 = 0.00003
        assertThat(cost(model, new Usage(100, 10, 500, 50, 99))).isEqualByComparingTo("0.00004");
    }
}
