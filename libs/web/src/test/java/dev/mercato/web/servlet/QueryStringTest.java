package dev.mercato.web.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryStringTest {

    @Test
    void acceptsWellFormedQueries() {
        assertThat(QueryString.check(null, 10)).isEmpty();
        assertThat(QueryString.check("", 10)).isEmpty();
        assertThat(QueryString.check("q=caf%C3%A9&limit=20&flag&&x=", 10)).isEmpty();
    }

    @Test
    void namesTheParameterWhoseValueIsNotUtf8() {
        assertThat(QueryString.check("limit=2&q=%C3%28", 10))
                .hasValueSatisfying(v -> assertThat(v.parameter()).isEqualTo("q"));
    }

    @Test
    void refusesBrokenEscapesAndBadNames() {
        assertThat(QueryString.check("q=%G1", 10)).isPresent();
        assertThat(QueryString.check("q=%", 10)).isPresent();
        assertThat(QueryString.check("%FF=1", 10))
                .hasValueSatisfying(v -> assertThat(v.parameter()).isEqualTo("query"));
    }

    @Test
    void countsParameters() {
        assertThat(QueryString.check("a=1&b=2&c=3", 3)).isEmpty();
        assertThat(QueryString.check("a=1&b=2&c=3&d=4", 3))
                .hasValueSatisfying(v -> assertThat(v.parameter()).isEqualTo("query"));
    }

    @Test
    void decodesPlusAsSpace() {
        assertThat(QueryString.decode("a+b%20c")).isEqualTo("a b c");
    }
}
