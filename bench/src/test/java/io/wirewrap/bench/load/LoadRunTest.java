package io.wirewrap.bench.load;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The short version of bench/bench-load: 100 sessions for 5 s, 10 of them slow readers. No timing asserted. */
class LoadRunTest {
    @Test
    void hundredConcurrentSessionsWithSlowReadersRunWithoutErrors() throws Exception {
        LoadRun.Result r = new LoadRun(new LoadRun.Options(100, 5, 200, 10, 7)).run();
        System.out.println("load (100 connections, 5 s): " + r.summary());
        assertEquals(Map.of(), r.errorsBySqlState(), "no query may fail under load");
        assertTrue(r.connectionsHeld() >= 100, "every session was connected at once: " + r.connectionsHeld());
        assertTrue(r.queries() > 0, "the fast mix ran");
    }
}
