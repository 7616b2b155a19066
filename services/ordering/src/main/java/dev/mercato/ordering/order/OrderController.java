package dev.mercato.ordering.order;

import dev.mercato.ordering.domain.OrderId;
import dev.mercato.ordering.domain.UserId;
import dev.mercato.ordering.saga.SagaCancellation;
import dev.mercato.web.page.CursorPage;
import dev.mercato.web.page.PositionCursor;
import dev.mercato.web.problem.ProblemException;
import dev.mercato.web.problem.ProblemType;
import dev.mercato.web.problem.Problems;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/** The customer's orders. Someone else's order is answered like one that does not exist; admins read any. */
@RestController
class OrderController {

    /**
     * The listing is newest first: a cursor holds the position of the last order on its page, the next page strictly
     * older orders, so orders placed while a client pages never shift what it has not seen.
     */
    private static final String CURSOR = "o1:";

    private final OrderReadRepository orders;
    private final SagaCancellation cancellation;

    OrderController(OrderReadRepository orders, SagaCancellation cancellation) {
        this.orders = orders;
        this.cancellation = cancellation;
    }

    @GetMapping("/v1/orders")
    CursorPage<OrderView> list(
            Authentication auth,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable String limit) {
        int size = PositionCursor.limit(limit);
        long before = PositionCursor.decode(CURSOR, cursor, Long.MAX_VALUE, 1);
        List<OrderReadRepository.Owned> page = orders.page(user(auth), before, size);
        if (page.size() <= size) {
            return CursorPage.last(
                    page.stream().map(OrderReadRepository.Owned::view).toList());
        }
        List<OrderReadRepository.Owned> shown = page.subList(0, size);
        return new CursorPage<>(
                shown.stream().map(OrderReadRepository.Owned::view).toList(),
                PositionCursor.encode(CURSOR, shown.getLast().position()));
    }

    /**
     * With an {@code ETag} of the order's state ({@link OrderVersion}): a client polling with {@code If-None-Match} gets
     * 304 and no body until the order moves, answered from one primary-key lookup without reading the order's lines.
     */
    @GetMapping("/v1/orders/{id}")
    // no @ResponseStatus: it would turn the 304 (a null return) into a 200
    @ApiResponse(responseCode = "200", description = "The order", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "304", description = "Not modified since the If-None-Match tag")
    @Nullable
    ResponseEntity<OrderView> get(Authentication auth, @PathVariable String id, WebRequest request) {
        if (request.getHeader(HttpHeaders.IF_NONE_MATCH) != null) {
            OrderReadRepository.State state = orders.state(orderId(id))
                    .filter(s -> mayRead(auth, s.owner()))
                    .orElseThrow(() -> ProblemException.notFound("Order", id));
            if (request.checkNotModified(state.version().etag())) {
                return null; // 304, with the tag
            }
        }
        OrderView view = readable(auth, id).view();
        return ResponseEntity.ok()
                .eTag(OrderVersion.of(view).etag())
                .cacheControl(CacheControl.noCache().cachePrivate())
                .body(view);
    }

    /**
     * 202 with the order while it is being cancelled (compensation or refund runs in the background); the same again
     * for an order the customer already cancelled; 409 {@code not-cancellable} otherwise.
     */
    @PostMapping("/v1/orders/{id}/cancel")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @ApiResponse(responseCode = "409", description = "The order cannot be cancelled in its state")
    ResponseEntity<OrderView> cancel(Authentication auth, @PathVariable String id) {
        OrderReadRepository.Owned order = readable(auth, id);
        OrderId orderId = new OrderId(order.view().id());
        return switch (cancellation.cancel(orderId)) {
            case ACCEPTED, ALREADY_CANCELLING ->
                ResponseEntity.accepted()
                        .body(orders.find(orderId).orElseThrow().view());
            case NOT_CANCELLABLE ->
                throw new ProblemException(Problems.of(
                        ProblemType.NOT_CANCELLABLE,
                        "Order " + id + " is " + order.view().status() + " ("
                                + order.view().stage() + ") and cannot be cancelled now"));
        };
    }

    private OrderReadRepository.Owned readable(Authentication auth, String id) {
        return orders.find(orderId(id))
                .filter(order -> mayRead(auth, order.owner()))
                .orElseThrow(() -> ProblemException.notFound("Order", id));
    }

    /** A malformed id is answered like an order that does not exist. */
    private static OrderId orderId(String id) {
        try {
            return new OrderId(UUID.fromString(id));
        } catch (IllegalArgumentException malformed) {
            throw ProblemException.notFound("Order", id);
        }
    }

    private static boolean mayRead(Authentication auth, UserId owner) {
        boolean admin = auth.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
        return admin || owner.equals(user(auth));
    }

    private static UserId user(Authentication auth) {
        Jwt jwt = (Jwt) auth.getPrincipal();
        try {
            return new UserId(UUID.fromString(jwt.getSubject()));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.invalid("token", "subject is not a user id");
        }
    }
}
