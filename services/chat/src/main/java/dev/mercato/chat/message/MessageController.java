package dev.mercato.chat.message;

import dev.mercato.chat.conversation.Caller;
import dev.mercato.web.page.CursorPage;
import dev.mercato.web.page.PositionCursor;
import dev.mercato.web.problem.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Messages", description = "A conversation's messages: send, and page through the history both ways")
class MessageController {

    static final int MAX_BODY = 4000;
    static final int MAX_CLIENT_MESSAGE_ID = 128;

    /** nextCursor of a page read forwards (after) and backwards (before): the sequence number to continue from. */
    private static final String FORWARD = "ma1:";

    private static final String BACKWARD = "mb1:";

    private final Messages messages;

    MessageController(Messages messages) {
        this.messages = messages;
    }

    record NewMessage(
            @NotBlank @Size(max = MAX_CLIENT_MESSAGE_ID) String clientMessageId,
            @NotNull String body) {}

    @PostMapping("/v1/chat/conversations/{id}/messages")
    @Operation(
            summary = "Send a message (members)",
            description = "201 with the stored message and its sequence number; the same clientMessageId from the same"
                    + " sender again is 200 with the message stored the first time (never a second one). The body is"
                    + " 1 to 4,000 characters, stored and returned verbatim as text.")
    @ApiResponse(responseCode = "200", description = "A retry: the message stored the first time")
    @ApiResponse(responseCode = "201", description = "Stored")
    ResponseEntity<ChatMessage> send(
            @AuthenticationPrincipal Jwt token, @PathVariable UUID id, @Valid @RequestBody NewMessage body) {
        int length = body.body().codePointCount(0, body.body().length());
        if (length == 0 || body.body().isBlank()) {
            throw ProblemException.invalid("body", "must not be blank");
        }
        if (length > MAX_BODY) {
            throw ProblemException.invalid("body", "must be at most " + MAX_BODY + " characters");
        }
        Messages.Sent sent = messages.send(id, Caller.of(token), body.clientMessageId(), body.body());
        return ResponseEntity.status(sent.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(sent.message());
    }

    @GetMapping("/v1/chat/conversations/{id}/messages")
    @Operation(
            summary = "History, oldest first within a page (members)",
            description = "after=N: the messages after sequence number N (default: from the first); before=N: the ones"
                    + " just before N. nextCursor continues in the same direction (null: nothing more now); limit"
                    + " 1..100, default 20.")
    CursorPage<ChatMessage> history(
            @AuthenticationPrincipal Jwt token,
            @PathVariable UUID id,
            @RequestParam(required = false) @Nullable String after,
            @RequestParam(required = false) @Nullable String before,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable String limit) {
        Caller reader = Caller.of(token);
        int size = PositionCursor.limit(limit);
        if (after != null && before != null) {
            throw ProblemException.invalid("before", "give after or before, not both");
        }
        if (cursor != null && (after != null || before != null)) {
            throw ProblemException.invalid("cursor", "continues a page on its own: give no after or before with it");
        }
        if (before != null || (cursor != null && isBackward(cursor))) {
            long from = before != null
                    ? sequenceNumber("before", before, 1)
                    : PositionCursor.decode(BACKWARD, cursor, 1, 1);
            Messages.Page page = messages.before(id, reader, from, size);
            return new CursorPage<>(
                    page.items(),
                    page.more()
                            ? PositionCursor.encode(
                                    BACKWARD, page.items().getFirst().seq())
                            : null);
        }
        long from = after != null ? sequenceNumber("after", after, 0) : PositionCursor.decode(FORWARD, cursor, 0, 0);
        Messages.Page page = messages.after(id, reader, from, size);
        return new CursorPage<>(
                page.items(),
                page.more()
                        ? PositionCursor.encode(FORWARD, page.items().getLast().seq())
                        : null);
    }

    private static boolean isBackward(String cursor) {
        try {
            PositionCursor.decode(BACKWARD, cursor, 1, 1);
            return true;
        } catch (ProblemException notBackward) {
            return false;
        }
    }

    private static long sequenceNumber(String field, String value, long min) {
        try {
            long seq = Long.parseLong(value);
            if (seq >= min) {
                return seq;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ProblemException.invalid(field, "must be a sequence number of " + min + " or more");
    }
}
