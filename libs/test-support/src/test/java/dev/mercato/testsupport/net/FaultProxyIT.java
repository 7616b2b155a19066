package dev.mercato.testsupport.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultProxyIT {

    private static final int PATIENCE_MS = 400;

    private EchoServer echo;
    private FaultProxy proxy;

    @BeforeEach
    void startEchoServerBehindProxy() throws IOException {
        echo = EchoServer.start();
        proxy = FaultProxy.to("127.0.0.1", echo.port());
    }

    @AfterEach
    void stop() {
        proxy.close();
        echo.close();
    }

    @Test
    void passesTrafficThroughBothWays() throws IOException {
        try (Socket client = connect()) {
            assertThat(Wire.roundTrip(client, "hello")).isEqualTo("hello");
            assertThat(proxy.openConnections()).isEqualTo(1);
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> proxy.openConnections() == 0);
    }

    @Test
    void blackholeHangsOpenAndNewConnectionsAndRestoreDeliversWhatWasHeld() throws IOException {
        try (Socket open = connect()) {
            assertThat(Wire.roundTrip(open, "before")).isEqualTo("before");

            proxy.blackhole();

            Wire.send(open, "held");
            assertThatThrownBy(() -> Wire.read(open, 4)).isInstanceOf(SocketTimeoutException.class);
            try (Socket fresh = connect()) {
                Wire.send(fresh, "new");
                assertThatThrownBy(() -> Wire.read(fresh, 3)).isInstanceOf(SocketTimeoutException.class);

                proxy.restore();

                assertThat(Wire.read(open, 4)).isEqualTo("held");
                assertThat(Wire.read(fresh, 3)).isEqualTo("new");
            }
        }
    }

    @Test
    void refuseClosesNewConnectionsButKeepsOpenOnes() throws IOException {
        try (Socket open = connect()) {
            Wire.roundTrip(open, "warm");

            proxy.refuse();

            try (Socket refused = connect()) {
                assertThat(Wire.closedByPeer(refused)).isTrue();
            }
            assertThat(Wire.roundTrip(open, "still")).isEqualTo("still");

            proxy.restore();

            try (Socket fresh = connect()) {
                assertThat(Wire.roundTrip(fresh, "back")).isEqualTo("back");
            }
        }
    }

    @Test
    void cutAllDropsEveryOpenConnectionAndNewOnesWork() throws IOException {
        try (Socket first = connect();
                Socket second = connect()) {
            Wire.roundTrip(first, "one");
            Wire.roundTrip(second, "two");

            proxy.cutAll();

            assertThat(Wire.closedByPeer(first)).isTrue();
            assertThat(Wire.closedByPeer(second)).isTrue();
            assertThat(proxy.openConnections()).isZero();
        }
        try (Socket fresh = connect()) {
            assertThat(Wire.roundTrip(fresh, "fresh")).isEqualTo("fresh");
        }
    }

    @Test
    void latencyDelaysEveryChunkInBothDirections() throws IOException {
        try (Socket client = connect()) {
            proxy.latency(Duration.ofMillis(150));
            long start = System.nanoTime();
            assertThat(Wire.roundTrip(client, "slow", 2_000)).isEqualTo("slow");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));

            proxy.restore();
            start = System.nanoTime();
            Wire.roundTrip(client, "fast");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(300));
        }
    }

    @Test
    void closeStopsListeningAndDropsConnections() throws IOException {
        try (Socket client = connect()) {
            Wire.roundTrip(client, "hi");

            proxy.close();

            assertThat(Wire.closedByPeer(client)).isTrue();
            assertThatThrownBy(this::connect).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void keepsEveryByteInOrderForConcurrentClientsWhileFaultsToggle() throws Exception {
        List<Socket> clients = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Socket client = connect();
            client.setSoTimeout(10_000);
            clients.add(client);
        }
        AtomicBoolean toggling = new AtomicBoolean(true);
        Thread toggler = Thread.ofVirtual().start(() -> {
            for (int i = 0; toggling.get(); i++) {
                switch (i % 3) {
                    case 0 -> proxy.blackhole();
                    case 1 -> proxy.latency(Duration.ofMillis(1));
                    default -> proxy.restore();
                }
                LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
            }
            proxy.restore();
        });
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> echoed = new ArrayList<>();
            for (Socket client : clients) {
                echoed.add(executor.submit(() -> {
                    int intact = 0;
                    for (int round = 0; round < 50; round++) {
                        String message = "round-" + round + "-from-" + client.getLocalPort() + ";";
                        intact += Wire.roundTrip(client, message).equals(message) ? 1 : 0;
                    }
                    return intact;
                }));
            }
            for (Future<Integer> result : echoed) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(50);
            }
        } finally {
            toggling.set(false);
            toggler.join();
            for (Socket client : clients) {
                client.close();
            }
        }
        assertThat(proxy.mode()).isEqualTo(FaultProxy.Mode.PASS_THROUGH);
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(proxy.host(), proxy.port());
        socket.setSoTimeout(PATIENCE_MS);
        return socket;
    }
}
