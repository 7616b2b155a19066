package dev.mercato.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StrictPathWebFilterTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/v1/products/%C3%28",
                "/v1/products/%G1",
                "/v1/products/%",
                "/v1/orders/%00",
                "/v1/products/..%2F..%2Fetc",
                "/v1/products/%2e%2e",
                "/v1/products/a%5Cb",
                "/v1/products/%3C%2Fscript%3E",
                "/v1/products/%ED%A0%80",
                "/v1/products/a\tb"
            })
    void refusesPathsNoServiceCanRoute(String path) {
        assertThat(StrictPathWebFilter.acceptable(path)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/v1/products", "/v1/products/caf%C3%A9", "/v1/products/LAMP-1.2", "/v1/cart/items/%20x"})
    void acceptsOrdinaryPaths(String path) {
        assertThat(StrictPathWebFilter.acceptable(path)).isTrue();
    }
}
