package dev.mercato.chat.conversation;

import dev.mercato.web.page.CursorPage;
import dev.mercato.web.page.PositionCursor;
import dev.mercato.web.problem.ProblemException;
import dev.mercato.web.problem.ProblemType;
import dev.mercato.web.problem.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Conversations", description = "Support conversations, the support queue and rooms")
class ConversationController {

    /** The caller's conversations, newest first: a cursor holds the position of the last one shown. */
    private static final String MINE = "c1:";
    /** The support queue, oldest first. */
    private static final String QUEUE = "q1:";

    private static final int MAX_ROOM_MEMBERS = 100;

    private final Conversations conversations;
    private final ConversationRepository repository;

    ConversationController(Conversations conversations, ConversationRepository repository) {
        this.conversations = conversations;
        this.repository = repository;
    }

    record NewConversation(
            @NotBlank @Size(max = 200) String subject,
            @Nullable String kind,
            @Nullable @Size(max = MAX_ROOM_MEMBERS) List<@NotNull UUID> members) {}

    record ReadUpTo(@NotNull @PositiveOrZero Long seq) {}

    @PostMapping("/v1/chat/conversations")
    @Operation(
            summary = "Open a support conversation (any user) or a room (support, admin)",
            description = "{subject} opens a support conversation that waits in the support queue; {subject, kind:"
                    + " \"room\", members: [userId...]} (support, admin) opens a room of the caller and the members.")
    @ApiResponse(responseCode = "201", description = "The conversation")
    @ApiResponse(responseCode = "403", description = "A room asked for by a customer")
    ResponseEntity<ConversationView> open(
            @AuthenticationPrincipal Jwt token, @Valid @RequestBody NewConversation body) {
        Caller caller = Caller.of(token);
        String kind = body.kind() == null ? "support" : body.kind();
        ConversationView opened = switch (kind) {
            case "support" -> {
                if (body.members() != null) {
                    throw ProblemException.invalid("members", "only a room has members");
                }
                yield conversations.openSupport(caller, body.subject());
            }
            case "room" -> {
                if (body.members() == null || body.members().isEmpty()) {
                    throw ProblemException.invalid("members", "a room needs at least one member");
                }
                yield conversations.openRoom(caller, body.subject(), body.members());
            }
            default -> throw ProblemException.invalid("kind", "must be support or room");
        };
        return ResponseEntity.created(URI.create("/v1/chat/conversations/" + opened.id()))
                .body(opened);
    }

    @GetMapping("/v1/chat/conversations")
    @Operation(
            summary = "The caller's conversations, newest first; support: ?queue=unassigned, oldest first",
            description = "Each with lastSeq, the caller's readSeq and unread (messages from others after it)."
                    + " Cursor pagination: follow nextCursor.")
    CursorPage<ConversationView> list(
            @AuthenticationPrincipal Jwt token,
            @RequestParam(required = false) @Nullable String queue,
            @RequestParam(required = false) @Nullable String cursor,
            @RequestParam(required = false) @Nullable String limit) {
        Caller caller = Caller.of(token);
        int size = PositionCursor.limit(limit);
        if (queue == null) {
            long before = PositionCursor.decode(MINE, cursor, Long.MAX_VALUE, 1);
            return page(repository.forMember(caller.id(), before, size), size, MINE);
        }
        if (!queue.equals("unassigned")) {
            throw ProblemException.invalid("queue", "must be unassigned");
        }
        if (!caller.isSupport()) {
            throw new ProblemException(Problems.of(ProblemType.FORBIDDEN, "The support queue is for support agents"));
        }
        long after = PositionCursor.decode(QUEUE, cursor, 0, 0);
        return page(repository.unassigned(after, size), size, QUEUE);
    }

    @GetMapping("/v1/chat/conversations/{id}")
    @Operation(summary = "One of the caller's conversations")
    ConversationView one(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
        return conversations.view(id, Caller.of(token));
    }

    @PostMapping("/v1/chat/conversations/{id}/claim")
    @PreAuthorize("hasRole('SUPPORT')")
    @Operation(summary = "Take an unassigned support conversation (support)")
    @ApiResponse(responseCode = "409", description = "Claimed by another agent, or a room")
    ConversationView claim(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
        return conversations.claim(id, Caller.of(token));
    }

    @PostMapping("/v1/chat/conversations/{id}/read")
    @Operation(
            summary = "Move the caller's read marker forward to seq",
            description = "Never moves back: the answer is the marker after the request. Members see it as a receipt"
                    + " (chat.read).")
    ReadMarker read(@AuthenticationPrincipal Jwt token, @PathVariable UUID id, @Valid @RequestBody ReadUpTo body) {
        return conversations.markRead(id, Caller.of(token), body.seq());
    }

    private static CursorPage<ConversationView> page(
            List<ConversationRepository.Positioned> rows, int size, String prefix) {
        if (rows.size() <= size) {
            return CursorPage.last(
                    rows.stream().map(ConversationRepository.Positioned::view).toList());
        }
        List<ConversationRepository.Positioned> shown = rows.subList(0, size);
        return new CursorPage<>(
                shown.stream().map(ConversationRepository.Positioned::view).toList(),
                PositionCursor.encode(prefix, shown.getLast().position()));
    }
}
