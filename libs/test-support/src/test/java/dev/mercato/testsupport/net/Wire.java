package dev.mercato.testsupport.net;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** Plain-socket helpers for talking through a {@link FaultProxy}. */
final class Wire {

    private Wire() {}

    static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /** Reads exactly {@code length} bytes (fewer only at end of stream), within the socket's timeout per read. */
    static String read(Socket socket, int length) throws IOException {
        return new String(socket.getInputStream().readNBytes(length), StandardCharsets.UTF_8);
    }

    static String roundTrip(Socket socket, String text) throws IOException {
        send(socket, text);
        return read(socket, text.getBytes(StandardCharsets.UTF_8).length);
    }

    static String roundTrip(Socket socket, String text, int timeoutMs) throws IOException {
        int usual = socket.getSoTimeout();
        socket.setSoTimeout(timeoutMs);
        try {
            return roundTrip(socket, text);
        } finally {
            socket.setSoTimeout(usual);
        }
    }

    /** True when the other side closed or reset the connection; false when it merely stays silent. */
    static boolean closedByPeer(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException silent) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }
}
