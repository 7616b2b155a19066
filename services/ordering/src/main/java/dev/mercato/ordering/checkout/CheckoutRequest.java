package dev.mercato.ordering.checkout;

import dev.mercato.web.problem.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The body of {@code POST /v1/checkout}. */
public record CheckoutRequest(
        @Nullable ShippingAddress shippingAddress, @Nullable String paymentToken) {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    public record ShippingAddress(
            @Nullable String name,
            @Nullable String line1,
            @Nullable String line2,
            @Nullable String city,
            @Nullable String postalCode,
            @Nullable String country) {}

    /** Every rejected field; empty when the request is valid. */
    public List<FieldError> problems() {
        List<FieldError> errors = new ArrayList<>();
        if (shippingAddress == null) {
            errors.add(new FieldError("shippingAddress", "is required"));
        } else {
            ShippingAddress a = shippingAddress;
            required(errors, "shippingAddress.name", a.name(), 100);
            required(errors, "shippingAddress.line1", a.line1(), 200);
            if (a.line2() != null && a.line2().length() > 200) {
                errors.add(new FieldError("shippingAddress.line2", "must be at most 200 characters"));
            }
            required(errors, "shippingAddress.city", a.city(), 100);
            required(errors, "shippingAddress.postalCode", a.postalCode(), 20);
            if (a.country() == null || !COUNTRIES.contains(a.country())) {
                errors.add(new FieldError(
                        "shippingAddress.country", "must be an ISO 3166-1 alpha-2 country code, e.g. IT"));
            }
        }
        required(errors, "paymentToken", paymentToken, 255);
        return errors;
    }

    private static void required(List<FieldError> errors, String field, @Nullable String value, int max) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else if (value.length() > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters"));
        }
    }
}
