package dev.mercato.notifications.delivery;

import dev.mercato.web.page.CursorPage;
import dev.mercato.web.page.PositionCursor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Notifications", description = "What was sent to whom (admin)")
class NotificationController {

    /** Newest first: a cursor holds the position of the last row shown, the next page the rows before it. */
    private static final String CURSOR = "n1:";

    private final DeliveryRepository deliveries;

    NotificationController(DeliveryRepository deliveries) {
        this.deliveries = deliveries;
    }

    @GetMapping("/v1/admin/notifications")
    @Operation(
            summary = "Notifications, newest first, optionally for one recipient (admin)",
            description = "One item per (event, channel): recipient, template, locale, subject, state (SENDING, SENT,"
                    + " RETRYING, FAILED), attempts, the last error, sentAt. Cursor pagination: follow nextCursor.")
    CursorPage<NotificationView> list(
            @RequestParam(required = false) @Nullable String recipient,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable String limit) {
        int size = PositionCursor.limit(limit);
        long before = PositionCursor.decode(CURSOR, cursor, Long.MAX_VALUE, 1);
        String address = recipient == null || recipient.isBlank()
                ? null
                : recipient.strip().toLowerCase(Locale.ROOT);
        List<DeliveryRepository.Positioned> page = deliveries.page(address, before, size);
        if (page.size() <= size) {
            return CursorPage.last(
                    page.stream().map(DeliveryRepository.Positioned::view).toList());
        }
        List<DeliveryRepository.Positioned> shown = page.subList(0, size);
        return new CursorPage<>(
                shown.stream().map(DeliveryRepository.Positioned::view).toList(),
                PositionCursor.encode(CURSOR, shown.getLast().seq()));
    }
}
