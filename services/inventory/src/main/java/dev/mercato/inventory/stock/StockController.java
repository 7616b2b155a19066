package dev.mercato.inventory.stock;

import dev.mercato.inventory.domain.Sku;
import dev.mercato.inventory.domain.StockLevel;
import dev.mercato.web.page.CursorPage;
import dev.mercato.web.problem.ProblemException;
import dev.mercato.web.problem.ProblemType;
import dev.mercato.web.problem.Problems;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Operators' view of stock: read it, set it on hand, audit its movements. */
@RestController
@PreAuthorize("hasRole('ADMIN')")
class StockController {

    private final StockAdmin admin;

    StockController(StockAdmin admin) {
        this.admin = admin;
    }

    @GetMapping("/v1/inventory/{sku}")
    StockView get(@PathVariable String sku) {
        Sku id = sku(sku);
        return admin.get(id).map(StockView::of).orElseThrow(() -> ProblemException.notFound("sku", sku));
    }

    @ResponseStatus(HttpStatus.OK)
    @PutMapping("/v1/inventory/{sku}")
    @ApiResponse(responseCode = "409", description = "Less than the reserved quantity")
    StockView set(@PathVariable String sku, @Valid @RequestBody SetOnHand body, Authentication user) {
        Sku id = sku(sku);
        try {
            return StockView.of(admin.setOnHand(id, body.onHand(), "admin:" + user.getName()));
        } catch (StockLevel.StockBelowReserved e) {
            throw new ProblemException(Problems.of(ProblemType.CONFLICT, e.getMessage()));
        }
    }

    @GetMapping("/v1/inventory/{sku}/movements")
    CursorPage<Movement> movements(
            @PathVariable String sku,
            @RequestParam(defaultValue = "50")
                    @Min(value = 1, message = "must be between 1 and 200")
                    @Max(value = 200, message = "must be between 1 and 200")
                    int limit,
            @RequestParam(required = false) String cursor) {
        Sku id = sku(sku);
        MovementCursor after = MovementCursor.decode(cursor);
        List<Movement> rows = admin.movements(id, after.afterId(), limit + 1)
                .orElseThrow(() -> ProblemException.notFound("sku", sku));
        if (rows.size() <= limit) {
            return CursorPage.last(rows);
        }
        List<Movement> page = rows.subList(0, limit);
        return new CursorPage<>(page, new MovementCursor(page.getLast().id()).encode());
    }

    private static Sku sku(String value) {
        if (!Sku.valid(value)) {
            throw ProblemException.invalid(
                    "sku", "must be 1 to 64 characters without whitespace or control characters");
        }
        return new Sku(value);
    }

    record SetOnHand(
            @NotNull(message = "is required")
            @Min(value = 0, message = "must be between 0 and 1000000000")
            @Max(value = 1_000_000_000, message = "must be between 0 and 1000000000")
            Integer onHand) {}

    record StockView(String sku, int onHand, int reserved, int available) {
        static StockView of(StockLevel level) {
            return new StockView(level.sku().value(), level.onHand(), level.reserved(), level.available());
        }
    }
}
