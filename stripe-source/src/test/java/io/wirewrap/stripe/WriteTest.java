package io.wirewrap.stripe;

import io.wirewrap.emulator.LoggedRequest;
import io.wirewrap.emulator.SeedSpec;
import io.wirewrap.fdw.FdwException;
import io.wirewrap.fdw.ForeignTable;
import io.wirewrap.fdw.Modify;
import io.wirewrap.fdw.RowStream;
import io.wirewrap.fdw.ScanContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** INSERT/UPDATE/DELETE as form posts, checked on the emulator's request log and store. */
class WriteTest {
    static Fixture fx;

    @BeforeAll
    static void start() {
        fx = new Fixture(SeedSpec.customers(20));
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @BeforeEach
    void clear() {
        fx.emu.faults().reset();
        fx.emu.clearRequestLog();
    }

    static List<Object[]> drain(RowStream s) {
        List<Object[]> out = new ArrayList<>();
        try (s) {
            for (Object[] r = s.next(); r != null; r = s.next()) out.add(r);
        }
        return out;
    }

    @Test
    void insertPostsFormWithIdempotencyKeysInInputOrder() {
        ForeignTable t = fx.table("customers");
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) rows.add(new Object[]{"w" + i + "@example.com", "Writer " + i, "{\"metadata\": {\"k\": \"v" + i + "\"}}"});
        Modify.Insert ins = new Modify.Insert(List.of("email", "name", "attrs"), rows);
        t.validate(ins);
        List<Object[]> out = drain(t.modify(ins, ScanContext.detached()));
        assertEquals(5, out.size());
        for (int i = 0; i < 5; i++) {
            assertEquals("w" + i + "@example.com", out.get(i)[1]);
            assertTrue(((String) out.get(i)[0]).startsWith("cus_"));
            assertTrue(((String) out.get(i)[5]).contains("\"k\":\"v" + i + "\""), (String) out.get(i)[5]);
        }
        List<LoggedRequest> log = fx.emu.requestLog();
        assertEquals(5, log.size());
        var keys = new HashSet<String>();
        for (LoggedRequest r : log) {
            assertEquals("POST", r.method());
            assertEquals("/v1/customers", r.path());
            assertNotNull(r.idempotencyKey());
            keys.add(r.idempotencyKey());
            assertTrue(r.form().containsKey("metadata[k]"), r.form().toString());
        }
        assertEquals(5, keys.size());
    }

    @Test
    void wrappersAttrsSpellingAndUnsetOnUpdate() {
        ForeignTable t = fx.table("customers");
        String id = (String) drain(t.modify(new Modify.Insert(List.of("email", "description"),
                List.<Object[]>of(new Object[]{"u@example.com", "to clear"})), ScanContext.detached())).get(0)[0];
        fx.emu.clearRequestLog();
        Map<String, Object> changes = new HashMap<>();
        changes.put("attrs", "{\"metadata[foo]\": \"bar\"}");
        changes.put("description", null);
        List<Object[]> out = drain(t.modify(new Modify.Update(List.of(id), changes), ScanContext.detached()));
        assertEquals(1, out.size());
        LoggedRequest r = fx.emu.requestLog().get(0);
        assertEquals("POST /v1/customers/" + id, r.method() + " " + r.path());
        assertEquals(List.of("bar"), r.form().get("metadata[foo]"));
        assertEquals(List.of(""), r.form().get("description"));
        assertEquals(null, out.get(0)[3]);
        assertTrue(((String) out.get(0)[5]).contains("\"foo\":\"bar\""));
    }

    @Test
    void deleteSendsDelete() {
        ForeignTable t = fx.table("customers");
        String id = (String) drain(t.modify(new Modify.Insert(List.of("email"), List.<Object[]>of(new Object[]{"d@example.com"})),
                ScanContext.detached())).get(0)[0];
        fx.emu.clearRequestLog();
        drain(t.modify(new Modify.Delete(List.of(id)), ScanContext.detached()));
        assertEquals("DELETE /v1/customers/" + id, Fixture.line(fx.emu.requestLog().get(0)));
        assertTrue(fx.emu.store().get(id).isEmpty() || fx.emu.store().get(id).get().path("deleted").asBoolean());
    }

    @Test
    void validationNamesTheField() {
        ForeignTable charges = fx.table("balance_transactions");
        FdwException ro = assertThrows(FdwException.class, () -> charges.validate(new Modify.Insert(List.of("amount"), List.of())));
        assertEquals("0A000", ro.sqlState());
        ForeignTable t = fx.table("customers");
        FdwException bad = assertThrows(FdwException.class, () -> t.validate(new Modify.Insert(List.of("email", "created"), List.of())));
        assertTrue(bad.getMessage().contains("\"created\""), bad.getMessage());
        // rows as postgres_fdw sends them: every column, NULL where the user gave nothing, is accepted
        Object[] nullsForReadOnly = {null, "given@example.com", null};
        t.validate(new Modify.Insert(List.of("id", "email", "created"), List.<Object[]>of(nullsForReadOnly)));
        Object[] valueForReadOnly = {null, "given@example.com", java.time.LocalDateTime.of(2024, 1, 1, 0, 0)};
        FdwException given = assertThrows(FdwException.class,
                () -> t.validate(new Modify.Insert(List.of("id", "email", "created"), List.<Object[]>of(valueForReadOnly))));
        assertTrue(given.getMessage().contains("\"created\""), given.getMessage());
        FdwException smuggle = assertThrows(FdwException.class, () -> t.validate(new Modify.Insert(List.of("name&balance=5"), List.of())));
        assertEquals("22023", smuggle.sqlState());
        assertFalse(fx.emu.requestLog().stream().anyMatch(r -> r.method().equals("POST")));
    }

    @Test
    void nestedArrayColumnsAsWrappersDocuments() {
        ForeignTable subs = fx.table("subscriptions");
        subs.validate(new Modify.Insert(List.of("customer", "items[0][price]"), List.of()));
    }

    @Test
    void partialFailureListsCreatedIds() {
        ForeignTable t = fx.tableWith("customers", Map.of("parallelism", "1", "max_retries", "0"));
        List<Object[]> rows = List.of(new Object[]{"p0@example.com", "1"}, new Object[]{"p1@example.com", "not-a-number"},
                new Object[]{"p2@example.com", "3"});
        FdwException e = assertThrows(FdwException.class,
                () -> drain(t.modify(new Modify.Insert(List.of("email", "balance"), rows), ScanContext.detached())));
        String created = fx.emu.store().list("customer").stream().filter(c -> "p0@example.com".equals(c.path("email").asText()))
                .findFirst().orElseThrow().path("id").asText();
        assertTrue(e.detail().contains("already inserted (not rolled back): " + created), e.detail());
        assertTrue(e.getMessage().contains("balance"), e.getMessage());
        assertEquals(2, fx.emu.requestLog().size(), "stopped after the failure");
    }

    @Test
    void idempotencyKeyReusedOnRetry() {
        ForeignTable t = fx.tableWith("customers", Map.of("parallelism", "1"));
        fx.emu.faults().failNext(500, 1);
        drain(t.modify(new Modify.Insert(List.of("email"), List.<Object[]>of(new Object[]{"r@example.com"})), ScanContext.detached()));
        List<LoggedRequest> log = fx.emu.requestLog();
        assertEquals(2, log.size());
        assertEquals(log.get(0).idempotencyKey(), log.get(1).idempotencyKey());
        assertEquals(1, fx.emu.store().list("customer").stream().filter(c -> "r@example.com".equals(c.path("email").asText())).count());
    }

    /** A customer of the seed and a tax id created under it through the nested table. */
    private static String[] customerWithTaxId(ForeignTable taxIds) {
        String customer = fx.emu.store().list("customer").getFirst().path("id").asText();
        Object[] row = drain(taxIds.modify(new Modify.Insert(List.of("customer", "type", "value"),
                List.<Object[]>of(new Object[]{customer, "eu_vat", "DE123456789"})), ScanContext.detached())).getFirst();
        fx.emu.clearRequestLog();
        return new String[]{customer, (String) row[taxIds.definition().indexOf("id")]};
    }

    private static Map<String, Object> parent(String column, Object value) {
        Map<String, Object> key = new HashMap<>();
        key.put(column, value);
        return key;
    }

    @Test
    void nestedDeleteFillsTheParentFromTheRowKeys() {
        ForeignTable taxIds = fx.table("customers/tax_ids");
        assertEquals(List.of("customer"), taxIds.rowKeyColumns());
        String[] made = customerWithTaxId(taxIds);
        Modify.Delete d = new Modify.Delete(List.of(made[1]), List.of(parent("customer", made[0])));
        taxIds.validate(d);
        List<Object[]> out = drain(taxIds.modify(d, ScanContext.detached()));
        assertEquals(1, out.size());
        assertEquals(made[1], out.getFirst()[taxIds.definition().indexOf("id")]);
        assertEquals(List.of("DELETE /v1/customers/" + made[0] + "/tax_ids/" + made[1]), fx.emu.requestLog().stream().map(Fixture::line).toList());
        assertTrue(fx.emu.store().get(made[1]).isEmpty() || fx.emu.store().get(made[1]).get().path("deleted").asBoolean());
    }

    @Test
    void nestedUpdateFillsTheParentFromTheRowKeys() {
        ForeignTable txns = fx.table("customers/balance_transactions");
        String customer = fx.emu.store().list("customer").getFirst().path("id").asText();
        Object[] made = drain(txns.modify(new Modify.Insert(List.of("customer", "amount", "currency"),
                List.<Object[]>of(new Object[]{customer, -500L, "usd"})), ScanContext.detached())).getFirst();
        String id = (String) made[txns.definition().indexOf("id")];
        fx.emu.clearRequestLog();
        Map<String, Object> changes = new HashMap<>();
        changes.put("description", "goodwill");
        changes.put("attrs", "{\"metadata\": {\"reason\": \"late\"}}");
        Modify.Update up = new Modify.Update(List.of(id), changes, List.of(parent("customer", customer)));
        txns.validate(up);
        Object[] row = drain(txns.modify(up, ScanContext.detached())).getFirst();
        assertEquals("goodwill", row[txns.definition().indexOf("description")]);
        LoggedRequest r = fx.emu.requestLog().getFirst();
        assertEquals("POST /v1/customers/" + customer + "/balance_transactions/" + id, Fixture.line(r));
        assertEquals(List.of("late"), r.form().get("metadata[reason]"));
        assertEquals("goodwill", fx.emu.store().get(id).orElseThrow().path("description").asText());
    }

    @Test
    void transferReversalsAreCreatedUpdatedAndRetrievedUnderTheirTransfer() {
        // the spec calls the parent {id} on the list path and {transfer} on the item path: both must be filled
        ForeignTable reversals = fx.table("transfers/reversals");
        String transfer = fx.emu.store().list("transfer").getFirst().path("id").asText();
        Object[] made = drain(reversals.modify(new Modify.Insert(List.of("transfer", "amount"),
                List.<Object[]>of(new Object[]{transfer, 100L})), ScanContext.detached())).getFirst();
        String id = (String) made[reversals.definition().indexOf("id")];
        assertEquals("POST /v1/transfers/" + transfer + "/reversals", Fixture.line(fx.emu.requestLog().getFirst()));
        fx.emu.clearRequestLog();
        Modify.Update up = new Modify.Update(List.of(id), Map.of("attrs", "{\"metadata\": {\"why\": \"duplicate\"}}"),
                List.of(parent("transfer", transfer)));
        reversals.validate(up);
        drain(reversals.modify(up, ScanContext.detached()));
        assertEquals("POST /v1/transfers/" + transfer + "/reversals/" + id, Fixture.line(fx.emu.requestLog().getFirst()));
        assertEquals("duplicate", fx.emu.store().get(id).orElseThrow().path("metadata").path("why").asText());
        fx.emu.clearRequestLog();
        var plan = reversals.plan(Fixture.req(List.of("id", "transfer", "amount"),
                new io.wirewrap.fdw.Qual.Compare("transfer", io.wirewrap.fdw.CompareOp.EQ, transfer),
                new io.wirewrap.fdw.Qual.Compare("id", io.wirewrap.fdw.CompareOp.EQ, id)));
        List<Object[]> rows = Fixture.rows(reversals, plan);
        assertEquals(1, rows.size());
        assertEquals(100L, ((Number) rows.getFirst()[2]).longValue());
        assertEquals(List.of("GET /v1/transfers/" + transfer + "/reversals/" + id), fx.emu.requestLog().stream().map(Fixture::line).toList());
        List<Object[]> listed = Fixture.rows(reversals, reversals.plan(Fixture.req(List.of("id", "transfer", "amount"),
                new io.wirewrap.fdw.Qual.Compare("transfer", io.wirewrap.fdw.CompareOp.EQ, transfer))));
        assertEquals(List.of(id), listed.stream().map(r -> r[0]).toList());
        assertEquals(transfer, listed.getFirst()[1]);
    }

    @Test
    void nestedWriteWithoutItsParentFailsBeforeAnyRequest() {
        ForeignTable taxIds = fx.table("customers/tax_ids");
        // validated before the rows are read: the table has the parent column, so this passes
        taxIds.validate(new Modify.Delete(List.of()));
        FdwException missing = assertThrows(FdwException.class, () -> taxIds.validate(new Modify.Delete(List.of("txi_1"))));
        assertEquals("HV002", missing.sqlState());
        assertTrue(missing.getMessage().contains("\"customer\""), missing.getMessage());
        Modify.Delete nullParent = new Modify.Delete(List.of("txi_1"), List.of(parent("customer", null)));
        FdwException isNull = assertThrows(FdwException.class, () -> drain(taxIds.modify(nullParent, ScanContext.detached())));
        assertEquals("22004", isNull.sqlState());
        assertTrue(isNull.getMessage().contains("\"customer\""), isNull.getMessage());
        // a table without the parent column cannot address a row at all
        var cols = taxIds.definition().columns().stream().filter(c -> !c.name().equals("customer")).toList();
        ForeignTable narrow = fx.source.open(new io.wirewrap.fdw.TableDef("tax_ids_narrow", cols, Map.of("object", "customers/tax_ids")),
                new io.wirewrap.fdw.SourceOptions(fx.server));
        assertEquals(List.of(), narrow.rowKeyColumns());
        FdwException noColumn = assertThrows(FdwException.class, () -> narrow.validate(new Modify.Delete(List.of())));
        assertEquals("HV002", noColumn.sqlState());
        assertTrue(noColumn.getMessage().contains("\"customer\""), noColumn.getMessage());
        assertTrue(fx.emu.requestLog().isEmpty(), fx.emu.requestLog().toString());
    }

    @Test
    void nestedPathValuesArePercentEncoded() {
        ForeignTable taxIds = fx.table("customers/tax_ids");
        Modify.Delete d = new Modify.Delete(List.of("txi_../x"), List.of(parent("customer", "../../v1/customers")));
        assertThrows(FdwException.class, () -> drain(taxIds.modify(d, ScanContext.detached())));
        assertEquals("DELETE /v1/customers/..%2F..%2Fv1%2Fcustomers/tax_ids/txi_..%2Fx", Fixture.line(fx.emu.requestLog().getFirst()));
    }
}
