package io.wirewrap.fdw;

import java.util.function.Consumer;

/** What a running scan or write may consult: cancellation, counters, and a way to send NOTICEs. */
public record ScanContext(CancelToken cancel, ScanStats stats, Consumer<String> notices) {
    public static ScanContext detached() {
        return new ScanContext(new CancelToken(), new ScanStats(), m -> {});
    }
}
