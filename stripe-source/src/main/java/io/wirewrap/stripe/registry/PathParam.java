package io.wirewrap.stripe.registry;

/** A parent id in a nested list path ({@code /v1/customers/{customer}/payment_methods}) and the column supplying it. */
public record PathParam(String param, String column) {}
