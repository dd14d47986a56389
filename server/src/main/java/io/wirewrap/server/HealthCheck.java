package io.wirewrap.server;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * Container health check without a PostgreSQL client in the image. {@code HealthCheck HOST PORT} sends an
 * SSLRequest, which a ready server answers with one byte ('S' or 'N'), like {@code pg_isready}.
 * {@code HealthCheck http://...} expects HTTP 2xx-4xx from the emulator. Exit 0 healthy, 1 not.
 */
public final class HealthCheck {
    private static final int SSL_REQUEST_CODE = 80877103;

    private HealthCheck() {}

    public static void main(String[] args) {
        try {
            boolean ok = args.length == 1 ? http(args[0]) : postgres(args[0], Integer.parseInt(args[1]));
            System.exit(ok ? 0 : 1);
        } catch (Exception e) {
            System.err.println("unhealthy: " + e.getMessage());
            System.exit(1);
        }
    }

    static boolean postgres(String host, int port) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 2000);
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write(ByteBuffer.allocate(8).putInt(8).putInt(SSL_REQUEST_CODE).array());
            out.flush();
            InputStream in = s.getInputStream();
            int answer = in.read();
            return answer == 'S' || answer == 'N';
        }
    }

    static boolean http(String url) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        int status = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        return status < 500;
    }
}
