package dev.mercato.realtime.ticket;

import dev.mercato.realtime.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** {@code POST /v1/stream/tickets}: a one-time ticket for the signed-in caller (api.md, Real-time). */
@RestController
class TicketController {

    private final Tickets tickets;

    TicketController(Tickets tickets) {
        this.tickets = tickets;
    }

    @PostMapping("/v1/stream/tickets")
    Mono<ResponseEntity<TicketView>> issue(@AuthenticationPrincipal Jwt token) {
        return tickets.issue(Caller.of(token))
                .map(ticket -> ResponseEntity.status(HttpStatus.CREATED)
                        .header("Cache-Control", "no-store")
                        .body(new TicketView(ticket, tickets.ttl().toSeconds())));
    }

    record TicketView(String ticket, long expiresIn) {}
}
