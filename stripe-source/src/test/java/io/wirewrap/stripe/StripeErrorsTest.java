package io.wirewrap.stripe;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.wirewrap.fdw.FdwException;
import io.wirewrap.stripe.http.StripeErrors;
import io.wirewrap.stripe.http.StripeRequest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A 400 that names a parameter names the column it came from, including the array filters the planner sends. */
class StripeErrorsTest {
    private static FdwException badParam(String param) throws Exception {
        var body = new ObjectMapper().readTree("""
                {"error": {"type": "invalid_request_error", "code": "parameter_invalid", "message": "Invalid value", "param": "%s"}}
                """.formatted(param));
        return StripeErrors.fromResponse(StripeRequest.get("/v1/prices?x=1"), 400, body, "req_1", 1);
    }

    @Test
    void parameterNamesTheColumn() throws Exception {
        assertEquals("Stripe API error (invalid_request_error/parameter_invalid): Invalid value (parameter \"created[gte]\", column \"created\")",
                badParam("created[gte]").getMessage());
        assertEquals("HV000", badParam("email").sqlState());
        // id in (...) goes out as ids[], lookup_key = any(...) as lookup_keys[], events type in (...) as types[]
        assertTrue(badParam("ids[3]").getMessage().endsWith("column \"id\")"), "ids[3]");
        assertTrue(badParam("lookup_keys[0]").getMessage().endsWith("column \"lookup_key\")"), "lookup_keys[0]");
        assertTrue(badParam("types[1]").getMessage().endsWith("column \"type\")"), "types[1]");
    }
}
