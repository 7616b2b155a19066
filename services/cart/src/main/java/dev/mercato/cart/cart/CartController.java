package dev.mercato.cart.cart;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in user's cart (the token's subject owns it; there are no anonymous carts). Every change answers with the
 * cart as {@code GET} shows it, priced again.
 */
@RestController
@RequestMapping("/v1/cart")
class CartController {

    private final Carts carts;

    CartController(Carts carts) {
        this.carts = carts;
    }

    @GetMapping
    CartView get(
            @AuthenticationPrincipal Jwt jwt,
            @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language) {
        return view(jwt, language);
    }

    @ResponseStatus(HttpStatus.OK)
    @PostMapping("/items")
    @ApiResponse(responseCode = "409", description = "The cart is full or was changed meanwhile")
    @ApiResponse(responseCode = "422", description = "The product cannot be bought")
    CartView add(
            @AuthenticationPrincipal Jwt jwt,
            @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language,
            @Valid @RequestBody AddItem item) {
        carts.add(owner(jwt), UUID.fromString(item.productId()), item.quantity());
        return view(jwt, language);
    }

    @ResponseStatus(HttpStatus.OK)
    @PutMapping("/items/{productId}")
    @ApiResponse(responseCode = "409", description = "The cart is full or was changed meanwhile")
    @ApiResponse(responseCode = "422", description = "The product cannot be bought")
    CartView set(
            @AuthenticationPrincipal Jwt jwt,
            @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language,
            @PathVariable UUID productId,
            @Valid @RequestBody SetQuantity body) {
        carts.set(owner(jwt), productId, body.quantity());
        return view(jwt, language);
    }

    /** Removing a product that is not in the cart changes nothing and is no error (the same request may be retried). */
    @DeleteMapping("/items/{productId}")
    CartView remove(
            @AuthenticationPrincipal Jwt jwt,
            @RequestHeader(value = HttpHeaders.ACCEPT_LANGUAGE, required = false) String language,
            @PathVariable UUID productId) {
        carts.remove(owner(jwt), productId);
        return view(jwt, language);
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void clear(@AuthenticationPrincipal Jwt jwt) {
        carts.clear(owner(jwt));
    }

    private CartView view(Jwt jwt, String language) {
        return CartView.of(carts.priced(owner(jwt), language));
    }

    private static UserId owner(Jwt jwt) {
        return UserId.parse(jwt.getSubject());
    }
}
