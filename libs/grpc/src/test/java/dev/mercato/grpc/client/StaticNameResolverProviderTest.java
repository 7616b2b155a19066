package dev.mercato.grpc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class StaticNameResolverProviderTest {

    @Test
    void readsAListOfHostsAndPorts() {
        assertThat(StaticNameResolverProvider.addresses("localhost:9083, 10.0.0.7:9090,[::1]:9000"))
                .containsExactly(
                        InetSocketAddress.createUnresolved("localhost", 9083),
                        InetSocketAddress.createUnresolved("10.0.0.7", 9090),
                        InetSocketAddress.createUnresolved("::1", 9000));
    }

    @Test
    void refusesAddressesWithoutPort() {
        assertThatIllegalArgumentException().isThrownBy(() -> StaticNameResolverProvider.addresses("localhost"));
        assertThatIllegalArgumentException().isThrownBy(() -> StaticNameResolverProvider.addresses(""));
    }
}
