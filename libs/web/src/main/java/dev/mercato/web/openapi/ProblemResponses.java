package dev.mercato.web.openapi;

import java.util.Map;

/** What each error status means for any operation of the API, as its response description. */
final class ProblemResponses {

    static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry("400", "A parameter, header or body field is invalid; `errors` names it"),
            Map.entry("401", "No valid access token"),
            Map.entry("403", "The token's role or owner does not allow this"),
            Map.entry("404", "The resource does not exist"),
            Map.entry("409", "Conflicts with the resource's current state"),
            Map.entry("412", "The If-Match tag is stale"),
            Map.entry("413", "The request body is over the size limit"),
            Map.entry("415", "The request body is not application/json"),
            Map.entry("422", "Understood but cannot be done"),
            Map.entry("428", "A precondition header (If-Match, Idempotency-Key) is required"),
            Map.entry("429", "Too many requests; see Retry-After"),
            Map.entry("503", "A store or service this operation needs is down; retry after Retry-After"));

    private ProblemResponses() {}

    static String describe(String status) {
        return DESCRIPTIONS.getOrDefault(status, "Problem");
    }
}
