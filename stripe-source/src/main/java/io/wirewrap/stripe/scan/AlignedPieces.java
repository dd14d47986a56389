package io.wirewrap.stripe.scan;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts an inclusive {@code created} range into pieces of whole pages, counted from the top of the range, using a
 * {@link ScanHistory}: every piece but the last holds a multiple of {@link PagedScan#PAGE} known objects, so each of
 * its requests returns a full page and the total is the minimum, {@code ceil(objects / 100)}.
 */
final class AlignedPieces {
    private AlignedPieces() {}

    /**
     * Pieces of {@code [lo, hi]} ({@code Long.MIN_VALUE}/{@code MAX_VALUE} for open ends), newest first, each an
     * inclusive {@code {lo, hi}}; the first keeps {@code hi} (objects created since the history land there) and the
     * last keeps {@code lo}. A page boundary inside a run of equal {@code created} seconds cannot be cut, so that
     * piece grows by whole pages instead.
     */
    static List<long[]> cut(long[] createdDesc, long lo, long hi, int pagesPerPiece) {
        int step = PagedScan.PAGE * pagesPerPiece;
        int top = firstAtOrBelow(createdDesc, hi);
        int end = lo == Long.MIN_VALUE ? createdDesc.length : firstAtOrBelow(createdDesc, lo - 1);
        List<long[]> pieces = new ArrayList<>();
        long pieceHi = hi;
        for (int pos = top + step; pos < end; pos += step) {
            long newer = createdDesc[pos - 1];
            if (createdDesc[pos] == newer) continue;
            pieces.add(new long[]{newer, pieceHi});
            pieceHi = newer - 1;
        }
        pieces.add(new long[]{lo, pieceHi});
        return pieces;
    }

    /** Index of the first (newest) value {@code <= t} in a newest-first array; its length if none. */
    private static int firstAtOrBelow(long[] desc, long t) {
        int a = 0, b = desc.length;
        while (a < b) {
            int m = (a + b) >>> 1;
            if (desc[m] > t) a = m + 1;
            else b = m;
        }
        return a;
    }
}
