package io.wirewrap.emulator.api;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.wirewrap.emulator.store.StoredObject;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Renders a list object straight from stored bytes: no parse, no tree, one copy per object. */
public final class ListPage {
    private ListPage() {}

    public static byte[] render(List<StoredObject> data, boolean hasMore, String url) {
        int size = 64 + url.length();
        for (StoredObject o : data) size += o.json().length + 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        out.writeBytes("{\"object\":\"list\",\"data\":[".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < data.size(); i++) {
            if (i > 0) out.write(',');
            out.writeBytes(data.get(i).json());
        }
        out.writeBytes(("],\"has_more\":" + hasMore + ",\"url\":\"").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(JsonStringEncoder.getInstance().quoteAsUTF8(url));
        out.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}
