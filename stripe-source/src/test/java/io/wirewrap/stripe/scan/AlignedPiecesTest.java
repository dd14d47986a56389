package io.wirewrap.stripe.scan;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AlignedPiecesTest {
    /** 250 objects, one per second from 1,000 down to 751. */
    static final long[] HISTORY = java.util.stream.LongStream.range(0, 250).map(i -> 1000 - i).toArray();

    @Test
    void wholeListIsCutEveryHundredObjectsKeepingTheOpenEnds() {
        List<long[]> p = AlignedPieces.cut(HISTORY, Long.MIN_VALUE, Long.MAX_VALUE, 1);
        assertEquals("[901, " + Long.MAX_VALUE + "] [801, 900] [" + Long.MIN_VALUE + ", 800]", show(p));
    }

    @Test
    void aRangeIsCountedFromItsOwnTop() {
        // 960..771 holds 190 objects: 100 then 90
        assertEquals("[861, 960] [771, 860]", show(AlignedPieces.cut(HISTORY, 771, 960, 1)));
        assertEquals("[771, 960]", show(AlignedPieces.cut(HISTORY, 771, 960, 2)));
        assertEquals("[900, 950]", show(AlignedPieces.cut(HISTORY, 900, 950, 1)));
    }

    @Test
    void aBoundaryInsideEqualSecondsMovesToTheNextPage() {
        long[] ties = new long[300];
        Arrays.fill(ties, 0, 150, 500);
        for (int i = 150; i < 300; i++) ties[i] = 499 - i;
        // objects 99 and 100 share second 500: the first piece takes two pages
        assertEquals("[300, " + Long.MAX_VALUE + "] [" + Long.MIN_VALUE + ", 299]", show(AlignedPieces.cut(ties, Long.MIN_VALUE, Long.MAX_VALUE, 1)));
    }

    static String show(List<long[]> pieces) {
        StringBuilder sb = new StringBuilder();
        for (long[] p : pieces) sb.append(sb.isEmpty() ? "" : " ").append(Arrays.toString(p));
        return sb.toString();
    }
}
