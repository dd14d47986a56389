package io.wirewrap.sql.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonOperatorFixTest {
    @Test
    void pathOperatorsBecomeSingleStepChains() {
        assertEquals("select id, attrs -> 'lines' -> 'data'  as line_items from stripe.invoices",
                JsonOperatorFix.rewrite("select id, attrs#>'{lines,data}' as line_items from stripe.invoices"));
        assertEquals("select attrs -> 'items' -> 0 ->> 'price' ",
                JsonOperatorFix.rewrite("select attrs #>> '{items,0,price}'"));
        assertEquals("select a -> 'x y' -> 'b,c' ", JsonOperatorFix.rewrite("select a #> '{\"x y\",\"b,c\"}'"));
    }

    @Test
    void literalsIdentifiersAndCommentsAreUntouched() {
        String sql = "select '#>{a}' as \"x#>y\", 1 -- a #> '{b}'\n";
        assertEquals(sql, JsonOperatorFix.rewrite(sql));
        assertEquals("select a #> $1", JsonOperatorFix.rewrite("select a #> $1"), "a non-literal path is left for the engine");
        assertEquals("select a #> '{}'", JsonOperatorFix.rewrite("select a #> '{}'"));
    }
}
