package io.wirewrap.emulator.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Set;

/**
 * One operation of the spec, reduced to what the emulator checks.
 *
 * @param queryParams    names of accepted query parameters (top level, before any bracket)
 * @param requiredQuery  query parameters the spec marks required (setup_attempts' setup_intent, ...)
 * @param bodyParams     names of accepted form fields, null when the spec has no body schema
 * @param requiredBody   form fields the spec requires
 * @param bodySchema     the form body schema (for type coercion), or null
 * @param responseSchema the 200 response schema
 */
public record Operation(String method, PathTemplate path, Set<String> queryParams, Set<String> requiredQuery, Set<String> bodyParams,
                        List<String> requiredBody, JsonNode bodySchema, JsonNode responseSchema) {}
