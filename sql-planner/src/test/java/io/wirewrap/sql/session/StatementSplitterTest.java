package io.wirewrap.sql.session;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatementSplitterTest {
    private static List<String> split(String sql) {
        return StatementSplitter.split(sql).stream().map(StatementSplitter.Piece::sql).toList();
    }

    @Test
    void splitsAtTopLevelSemicolonsOnly() {
        assertEquals(List.of("select 1", "select 2"), split("select 1; select 2;"));
        assertEquals(List.of("select 'a;b'", "select 'it''s;'"), split("select 'a;b'; select 'it''s;'"));
        assertEquals(List.of("select E'\\';x'"), split("select E'\\';x'"));
        assertEquals(List.of("select \"we;ird\" from t"), split("select \"we;ird\" from t"));
        assertEquals(List.of("select $$a;b$$", "select $tag$ $$ ; $tag$"), split("select $$a;b$$; select $tag$ $$ ; $tag$"));
        assertEquals(List.of("select $1", "select 2"), split("select $1; select 2"));
        assertEquals(List.of("select 1 -- c;\n", "select 2").get(1), split("select 1 -- c;\n; select 2").get(1));
        assertEquals(List.of("select /* a; /* nested; */ b; */ 1"), split("select /* a; /* nested; */ b; */ 1"));
    }

    @Test
    void dropsEmptyAndCommentOnlyStatementsAndKeepsOffsets() {
        assertTrue(split("").isEmpty());
        assertTrue(split(" ; ;; -- nothing\n /* still nothing */").isEmpty());
        var pieces = StatementSplitter.split("select 1;  selec 2");
        assertEquals(11, pieces.get(1).offset());
        assertEquals("selec 2", pieces.get(1).sql());
    }

    @Test
    void backslashIsOrdinaryInStandardStrings() {
        // standard_conforming_strings: 'a\' is a complete string, so the ; after it splits
        assertEquals(List.of("select 'a\\'", "select 2"), split("select 'a\\'; select 2"));
    }

    @Test
    void unterminatedQuoteKeepsTheRestInOneStatement() {
        assertEquals(List.of("select 'oops; select 2"), split("select 'oops; select 2"));
    }
}
