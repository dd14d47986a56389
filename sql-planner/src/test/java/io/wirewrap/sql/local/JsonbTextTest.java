package io.wirewrap.sql.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonbTextTest {
    @Test
    void printsLikePostgresJsonbOutput() {
        // PostgreSQL: select '{"bb":1,"a":[1.50,1e3,true,null],"c":{"z":"x\\"y"}}'::jsonb
        assertEquals("{\"a\": [1.50, 1000, true, null], \"c\": {\"z\": \"x\\\"y\"}, \"bb\": 1}",
                JsonbText.normalize("{\"bb\":1,\"a\":[1.50,1e3,true,null],\"c\":{\"z\":\"x\\\"y\"}}"));
        assertEquals("\"text\"", JsonbText.normalize("\"text\""));
        assertEquals("not json", JsonbText.normalize("not json"));
    }
}
