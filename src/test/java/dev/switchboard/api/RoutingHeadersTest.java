package dev.switchboard.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoutingHeadersTest {

    @Test
    void formatsMicrosecondsAsMillisecondsWithThreeDecimals() {
        assertThat(RoutingHeaders.millis(0)).isEqualTo("0.000");
        assertThat(RoutingHeaders.millis(7)).isEqualTo("0.007");
        assertThat(RoutingHeaders.millis(42)).isEqualTo("0.042");
        assertThat(RoutingHeaders.millis(999)).isEqualTo("0.999");
        assertThat(RoutingHeaders.millis(1000)).isEqualTo("1.000");
        assertThat(RoutingHeaders.millis(1234567)).isEqualTo("1234.567");
    }

    @Test
    void keepsOrdinaryNamesAndReplacesWhatAHeaderCannotCarry() {
        assertThat(RoutingHeaders.headerSafe("openai/gpt-4o-mini")).isEqualTo("openai/gpt-4o-mini");
        assertThat(RoutingHeaders.headerSafe("custom/modèle")).isEqualTo("custom/modèle");
        assertThat(RoutingHeaders.headerSafe("custom/x\r\nSet-Cookie: a=b")).isEqualTo("custom/x??Set-Cookie: a=b");
        assertThat(RoutingHeaders.headerSafe("custom/模型\u007f")).isEqualTo("custom/???");
    }
}
