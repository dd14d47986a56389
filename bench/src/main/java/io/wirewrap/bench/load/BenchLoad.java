package io.wirewrap.bench.load;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;

/**
 * Load: {@code connections} concurrent pgjdbc sessions for {@code seconds} against an in-process emulator +
 * wirewrap on loopback (see {@link LoadRun}); prints queries, errors by SQLSTATE, connections held, peak heap
 * and p50/p99 latency. Exit status 1 when any query failed.
 *
 * <p>Run: {@code bench/bench-load [connections=500] [seconds=60] [customers=1000] [slowReaderPercent=10]}.
 * Each connection is two sockets in this JVM (client and server side): the open-files limit must allow them.
 */
public final class BenchLoad {
    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int customers = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        int slowPercent = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean os) {
            long need = 3L * connections + 500;
            System.out.printf("open files limit %d (need about %d)%n", os.getMaxFileDescriptorCount(), need);
            if (os.getMaxFileDescriptorCount() < need) {
                System.err.println("bench-load: raise the limit first, e.g. ulimit -n " + need);
                System.exit(2);
            }
        }
        System.out.printf("bench-load: %d connections (%d%% slow readers), %d s, %d customers, heap max %d MB%n",
                connections, slowPercent, seconds, customers, Runtime.getRuntime().maxMemory() >> 20);
        LoadRun.Result r = new LoadRun(new LoadRun.Options(connections, seconds, customers, slowPercent, 42)).run();
        System.out.println(r.summary());
        System.exit(r.errors() == 0 ? 0 : 1);
    }
}
