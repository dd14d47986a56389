package io.wirewrap.emulator.api;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.wirewrap.emulator.store.StoredObject;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Renders a list object straight from stored bytes: no parse, no tree, one exact-size copy per page. */
public final class ListPage {
    private static final byte[] HEAD = "{\"object\":\"list\",\"data\":[".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MORE_TRUE = "],\"has_more\":true,\"url\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MORE_FALSE = "],\"has_more\":false,\"url\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TAIL = "\"}".getBytes(StandardCharsets.US_ASCII);

    private ListPage() {}

    public static byte[] render(List<StoredObject> data, boolean hasMore, String url) {
        byte[] more = hasMore ? MORE_TRUE : MORE_FALSE;
        byte[] quotedUrl = JsonStringEncoder.getInstance().quoteAsUTF8(url);
        int size = HEAD.length + more.length + quotedUrl.length + TAIL.length + Math.max(0, data.size() - 1);
        for (StoredObject o : data) size += o.json().length;
        byte[] out = new byte[size];
        int at = put(out, 0, HEAD);
        for (int i = 0; i < data.size(); i++) {
            if (i > 0) out[at++] = ',';
            at = put(out, at, data.get(i).json());
        }
        at = put(out, at, more);
        at = put(out, at, quotedUrl);
        put(out, at, TAIL);
        return out;
    }

    private static int put(byte[] out, int at, byte[] bytes) {
        System.arraycopy(bytes, 0, out, at, bytes.length);
        return at + bytes.length;
    }
}
