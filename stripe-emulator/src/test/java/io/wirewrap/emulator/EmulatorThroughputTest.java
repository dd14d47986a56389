package io.wirewrap.emulator;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The throughput program works (walks pages without errors); it asserts nothing about speed. */
class EmulatorThroughputTest {

    @Test
    void lastIdFollowsHasMore() {
        byte[] more = "{\"object\":\"list\",\"data\":[{\"id\":\"cus_a\"},{\"id\":\"cus_b\"}],\"has_more\":true,\"url\":\"/v1/customers\"}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] end = "{\"object\":\"list\",\"data\":[{\"id\":\"cus_a\"}],\"has_more\":false,\"url\":\"/v1/customers\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertEquals("cus_b", EmulatorThroughput.lastId(more));
        assertNull(EmulatorThroughput.lastId(end));
    }

    @Test
    void shortRunServesPagesWithoutErrors() throws Exception {
        try (StripeEmulator emu = StripeEmulator.start(EmulatorConfig.defaults().withSeed(SeedSpec.customersOnly(500)))) {
            EmulatorThroughput.Result r = EmulatorThroughput.run(emu, 2, Duration.ofMillis(500), true);
            assertTrue(r.pages() > 5, "pages " + r.pages());
            assertEquals(0, r.errors());
            assertTrue(r.bytes() > r.pages() * 1000);
        }
    }
}
