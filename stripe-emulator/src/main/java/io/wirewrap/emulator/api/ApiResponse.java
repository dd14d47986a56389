package io.wirewrap.emulator.api;

/** A status and a JSON body, ready to send. */
public record ApiResponse(int status, byte[] body) {}
