package io.wirewrap.sql.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.wirewrap.fdw.FdwException;
import io.wirewrap.sql.api.PreparedQuery;
import io.wirewrap.sql.api.QueryResult;
import io.wirewrap.sql.api.SessionInfo;
import io.wirewrap.sql.api.SqlSession;
import io.wirewrap.sql.session.BootstrapRoleStore;
import io.wirewrap.sql.session.StatementHandlers;
import io.wirewrap.sql.session.WirewrapEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The query handler behind the session's own handlers, as the server runs it: SET, transactions, cursors. */
class EngineIntegrationTest {
    private final Fixtures f = new Fixtures(40, 400);

    private List<String> run(SqlSession s, String sql) {
        List<String> tags = new ArrayList<>();
        for (PreparedQuery q : s.prepareAll(sql)) {
            try (QueryResult r = q.execute(List.of(), Fixtures.ctx())) {
                int n = 0;
                while (r.kind() == QueryResult.Kind.ROWS && r.next() != null) n++;
                tags.add(r.commandTag() + (r.kind() == QueryResult.Kind.ROWS ? " rows=" + n : ""));
            }
        }
        return tags;
    }

    @Test
    void sessionCommandsAndQueriesShareTheSession() {
        try (var engine = new WirewrapEngine(f.services, new StatementHandlers().add(new QueryHandler()), new BootstrapRoleStore("alice", "pw"));
             SqlSession s = engine.openSession(new SessionInfo("alice", "postgres", Map.of(), 7))) {
            assertEquals(List.of("BEGIN", "DECLARE CURSOR", "FETCH 10 rows=10", "FETCH 30 rows=30", "CLOSE CURSOR", "COMMIT"),
                    run(s, "begin; declare c1 cursor for select id from stripe.customers order by id; fetch 10 from c1; fetch all from c1; close c1; commit"));
            assertEquals(List.of("SELECT 1 rows=1"), run(s, "select count(*) from stripe.charges where status = 'failed'"));
            run(s, "set statement_timeout = '100ms'");
            f.charges.delayPerPageMillis = 100;
            FdwException e = assertThrows(FdwException.class, () -> run(s, "select count(*) from stripe.charges"));
            assertEquals("57014", e.sqlState());
        }
    }
}
