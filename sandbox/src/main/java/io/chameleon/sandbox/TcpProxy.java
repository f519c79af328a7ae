package io.chameleon.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy for fault tests: clients connect to {@link #port()} and their bytes go to
 * the target, until the test {@link #cut() cuts} every connection (and refuses new ones),
 * {@link #stall() stalls} them (connections stay open, no byte moves), or {@link #slow(int)
 * slows} them. {@link #restore()} brings the network back.
 *
 * <p>Thread-safe. Each connection uses two daemon threads named {@code tcp-proxy-<port>-*}.
 */
public final class TcpProxy implements AutoCloseable {

    private enum Mode { OPEN, CUT, STALLED }

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket server;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.OPEN;
    private volatile int bytesPerSecond;
    private volatile boolean closed;

    private TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "tcp-proxy-" + server.getLocalPort() + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a proxy on a free loopback port in front of {@code host:port}. */
    public static TcpProxy start(String host, int port) {
        try {
            return new TcpProxy(host, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a proxy port for " + host + ":" + port, e);
        }
    }

    /** The loopback host clients connect to. */
    public String host() {
        return server.getInetAddress().getHostAddress();
    }

    /** The port clients connect to. */
    public int port() {
        return server.getLocalPort();
    }

    /** Closes every open connection and refuses new ones until {@link #restore()}. */
    public void cut() {
        mode = Mode.CUT;
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        sockets.clear();
    }

    /** Keeps connections open but moves no byte (new ones are accepted and stall too). */
    public void stall() {
        mode = Mode.STALLED;
    }

    /** Limits each direction of each connection to about this many bytes per second; 0 lifts it. */
    public void slow(int bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    /** Back to normal: new connections accepted, stalled bytes move again, no rate limit. */
    public void restore() {
        bytesPerSecond = 0;
        mode = Mode.OPEN;
    }

    /** Connections open now (each client connection counts once). */
    public int connections() {
        return sockets.size() / 2;
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        cut();
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (mode == Mode.CUT) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket target = new Socket();
                target.connect(new InetSocketAddress(targetHost, targetPort), 5_000);
                sockets.add(client);
                sockets.add(target);
                pump(client, target, "up");
                pump(target, client, "down");
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to, String direction) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                while (true) {
                    int read = in.read(buffer);
                    if (read < 0) {
                        break;
                    }
                    while (mode == Mode.STALLED && !closed) {
                        Thread.sleep(20);
                    }
                    if (mode == Mode.CUT) {
                        break;
                    }
                    int limit = bytesPerSecond;
                    if (limit > 0) {
                        Thread.sleep(Math.max(1, 1000L * read / limit));
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (SocketException e) {
                // cut or closed by one side
            } catch (IOException e) {
                // the other side went away
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "tcp-proxy-" + port() + "-" + direction);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }

    @Override
    public String toString() {
        return "TcpProxy{" + host() + ":" + port() + " -> " + targetHost + ":" + targetPort + ", " + mode + "}";
    }
}
