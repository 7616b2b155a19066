package dev.mercato.testsupport.rabbitmq;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The machine's Erlang port mapper, which every node, the shared broker's included, registers its name with. */
final class Epmd {

    private static final String HOST = "127.0.0.1";
    private static final int PORT_PLEASE2_REQ = 122;
    private static final int PORT2_RESP = 119;

    private Epmd() {}

    /**
     * Whether {@code node} is registered, i.e. its distribution is up and {@code rabbitmqctl} can reach it. (Its
     * distribution port alone says less: the node's prelaunch opens it once, early, just to check it is free.)
     */
    static boolean knows(String node, Map<String, String> environment) {
        byte[] name = node.substring(0, node.indexOf('@')).getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port(environment)), 1_000);
            socket.setSoTimeout(1_000);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeShort(1 + name.length);
            out.writeByte(PORT_PLEASE2_REQ);
            out.write(name);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            return in.readUnsignedByte() == PORT2_RESP && in.readUnsignedByte() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Starts epmd if none runs. Left to the node, epmd would inherit this JVM's environment and with it
     * {@code MERCATO_TEST_RUN}; {@code ./mercato test} would then reap an epmd that other nodes (the shared broker's
     * too) have registered with.
     */
    static void ensureRunning(Map<String, String> environment) {
        if (PrivateRabbit.accepts(port(environment))) {
            return;
        }
        ProcessBuilder builder = new ProcessBuilder("epmd", "-daemon")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().remove("MERCATO_TEST_RUN");
        try {
            builder.start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException noEpmdOnPath) {
            // the node starts one itself
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int port(Map<String, String> environment) {
        return Integer.parseInt(environment.getOrDefault("ERL_EPMD_PORT", "4369"));
    }
}
