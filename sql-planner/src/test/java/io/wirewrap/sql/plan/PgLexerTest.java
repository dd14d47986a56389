package io.wirewrap.sql.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wirewrap.sql.api.SqlError;
import java.util.List;
import org.junit.jupiter.api.Test;

class PgLexerTest {
    @Test
    void rewritesOnlyOutsideLiteralsAndIdentifiers() {
        assertEquals("select a  -> '\u0001{b,c}', '#> kept' from t", PgLexer.prepare("select a #> '{b,c}', '#> kept' from t;"));
        assertEquals("select \"x #>> y\"  ->> '\u0001{1}'", PgLexer.prepare("select \"x #>> y\" #>> '{1}'"));
        assertEquals("where n  ~  '^(x)$'   order by 1", PgLexer.prepare("where n OPERATOR(pg_catalog.~) '^(x)$' COLLATE pg_catalog.default order by 1"));
        assertEquals("select 'it''s'", PgLexer.prepare("select $$it's$$"));
        assertEquals("select 1 \n+ 2", PgLexer.prepare("select 1 -- one\n+ 2"));
        assertEquals("where j ?| ARRAY['k'] and j ?| array['a']", PgLexer.prepare("where j ? 'k' and j ?| array['a']"));
    }

    @Test
    void likeOperatorsBecomeLikeKeywords() {
        assertEquals("where ((email  LIKE  'a%')) and ((name  NOT ILIKE  '~~x'))",
                PgLexer.prepare("where ((email ~~ 'a%')) and ((name !~~* '~~x'))"));
        assertEquals("where a  ILIKE  'x' and b  NOT LIKE  'y' and c ~* 'z' and d !~ 'w'",
                PgLexer.prepare("where a ~~* 'x' and b !~~ 'y' and c ~* 'z' and d !~ 'w'"));
        assertEquals("where a  LIKE  'x'", PgLexer.prepare("where a OPERATOR(pg_catalog.~~) 'x'"));
    }

    @Test
    void pathLiteralsSplitLikePostgresArrays() {
        assertEquals(List.of("metadata", "a,b", "0"), PgLexer.pathElements("{metadata,\"a,b\",0}"));
        assertEquals(List.of(), PgLexer.pathElements("{}"));
        assertEquals("22P02", assertThrows(SqlError.class, () -> PgLexer.pathElements("metadata")).sqlState());
    }

    @Test
    void computedPathsAndBrokenLiteralsAreReported() {
        assertEquals("0A000", assertThrows(SqlError.class, () -> PgLexer.prepare("select a #> $1")).sqlState());
        assertEquals("42601", assertThrows(SqlError.class, () -> PgLexer.prepare("select 'open")).sqlState());
    }
}
