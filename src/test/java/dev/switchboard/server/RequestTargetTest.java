package dev.switchboard.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestTargetTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "key=abc", "a=%41%42&b=c+d", "x=%C3%A9%E2%82%AC%F0%9F%98%80", "q=a/b?c:d@e",
            "s=!$'()*,;=~._-", "key=%25"})
    void accepts_well_formed_queries(String query) {
        assertThat(RequestTarget.problem("/p", query, Optional.empty())).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "key=%ZZ          | a '%' must be followed by two hexadecimal digits",
            "a=%              | a '%' must be followed by two hexadecimal digits",
            "a=%4             | a '%' must be followed by two hexadecimal digits",
            "a=%4G            | a '%' must be followed by two hexadecimal digits",
            "a=%C3%28         | its percent-encoded bytes are not valid UTF-8",
            "a=%C3            | its percent-encoded bytes are not valid UTF-8",
            "a=%C3&b=%A9      | its percent-encoded bytes are not valid UTF-8",
            "a=%ED%A0%80      | its percent-encoded bytes are not valid UTF-8",
            "a=%FF            | its percent-encoded bytes are not valid UTF-8",
            "a=<b>            | it contains a character that must be percent-encoded",
            "a=\"b\"          | it contains a character that must be percent-encoded",
            "a=b[]            | it contains a character that must be percent-encoded",
            "a=\u00e9         | it contains a character that must be percent-encoded"})
    void names_what_is_wrong_with_a_query_without_quoting_it(String query, String problem) {
        assertThat(RequestTarget.problem("/p", query, Optional.empty())).get().asString()
                .startsWith("The URL's query string is not valid: " + problem);
    }

    @Test
    void checks_the_path_before_the_query_and_allows_no_question_mark_in_it() {
        assertThat(RequestTarget.problem("/a%ZZ", "b=%ZZ", Optional.empty())).get().asString()
                .startsWith("The URL's path is not valid");
        assertThat(RequestTarget.problem("/a?b", "", Optional.empty())).get().asString()
                .contains("must be percent-encoded");
        assertThat(RequestTarget.problem(":models", "", Optional.empty())).get().asString()
                .contains("does not parse as a URI path");
        assertThat(RequestTarget.problem("/models/gemini-2.0-flash:generateContent;v=1", "", Optional.empty()))
                .isEmpty();
        assertThat(RequestTarget.problem("//gateway/openai/v1/models", "", Optional.empty())).isEmpty();
    }

    @Test
    void checks_the_fragment_when_there_is_one() {
        assertThat(RequestTarget.problem("/p", "a=b", Optional.of("%ZZ"))).get().asString()
                .startsWith("The URL's fragment is not valid");
        assertThat(RequestTarget.problem("/p", "a=b", Optional.of("top"))).isEmpty();
    }
}
