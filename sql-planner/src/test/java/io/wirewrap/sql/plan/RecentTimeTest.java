package io.wirewrap.sql.plan;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RecentTimeTest {
    @Test
    void intervalTextsBecomeSecondsWithCalendarUnitsAtTheirLongest() {
        assertEquals(93_600L, RecentTime.parse("1 day 2 hours"));
        assertEquals(30 * 86_400L, RecentTime.parse("30 days"));
        assertEquals(3 * 31 * 86_400L, RecentTime.parse("3 months"));
        assertEquals(366 * 86_400L + 60, RecentTime.parse("1 year 1 min"));
        assertNull(RecentTime.parse("30 fortnights"));
        assertNull(RecentTime.parse("-3 days"));
        assertNull(RecentTime.parse(""));
    }
}
