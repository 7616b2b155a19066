package dev.mercato.chat.conversation;

import dev.mercato.chat.events.ChatEvents;
import dev.mercato.web.problem.ProblemException;
import dev.mercato.web.problem.ProblemType;
import dev.mercato.web.problem.Problems;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opening conversations, the support queue and its claims, membership and read markers. Whoever is not a member of a
 * conversation is told it does not exist (404), whatever they ask of it.
 */
@Service
public class Conversations {

    private final ConversationRepository conversations;
    private final ChatEvents events;

    Conversations(ConversationRepository conversations, ChatEvents events) {
        this.conversations = conversations;
        this.events = events;
    }

    /** A support conversation opened by the caller, waiting in the queue until an agent claims it. */
    @Transactional
    public ConversationView openSupport(Caller caller, String subject) {
        UUID id = UUID.randomUUID();
        conversations.insert(id, "support", subject, caller.id(), null);
        conversations.addMember(id, caller.id());
        return view(id, caller);
    }

    /** A room of the caller (support or admin) and the given members. */
    @Transactional
    public ConversationView openRoom(Caller caller, String subject, List<UUID> members) {
        if (!caller.isStaff()) {
            throw new ProblemException(Problems.of(ProblemType.FORBIDDEN, "Only support and admin create rooms"));
        }
        UUID id = UUID.randomUUID();
        conversations.insert(id, "room", subject, caller.id(), null);
        Set<UUID> everyone = new LinkedHashSet<>();
        everyone.add(caller.id());
        everyone.addAll(members);
        everyone.forEach(member -> conversations.addMember(id, member));
        return view(id, caller);
    }

    /** The caller's membership, 404 for anyone else; {@code lock} holds the conversation's row until commit. */
    public Membership member(UUID conversation, Caller caller, boolean lock) {
        return conversations
                .membership(conversation, caller.id(), lock)
                .orElseThrow(() -> ProblemException.notFound("Conversation", conversation));
    }

    public ConversationView view(UUID conversation, Caller caller) {
        return conversations
                .forMember(conversation, caller.id())
                .orElseThrow(() -> ProblemException.notFound("Conversation", conversation));
    }

    /**
     * The caller (a support agent) takes an unassigned support conversation and becomes its member. Claiming one's
     * own again answers the same; one taken by another agent is a 409; a room the caller is not in does not exist.
     */
    @Transactional
    public ConversationView claim(UUID conversation, Caller agent) {
        if (conversations.assign(conversation, agent.id())) {
            conversations.addMember(conversation, agent.id());
            return view(conversation, agent);
        }
        ConversationRepository.ClaimTarget target = conversations
                .claimTarget(conversation)
                .filter(found -> !found.kind().equals("room")
                        || conversations
                                .membership(conversation, agent.id(), false)
                                .isPresent())
                .orElseThrow(() -> ProblemException.notFound("Conversation", conversation));
        if (target.kind().equals("room")) {
            throw new ProblemException(Problems.of(ProblemType.CONFLICT, "A room is not claimed"));
        }
        if (agent.id().equals(target.assigneeId())) {
            return view(conversation, agent);
        }
        throw new ProblemException(Problems.of(ProblemType.CONFLICT, "This conversation was claimed by another agent"));
    }

    /**
     * Moves the caller's read marker forward to {@code seq} (never back) and tells the members; {@code seq} past the
     * newest message is a 400.
     */
    @Transactional
    public ReadMarker markRead(UUID conversation, Caller caller, long seq) {
        Membership membership = member(conversation, caller, false);
        if (seq > membership.lastSeq()) {
            throw ProblemException.invalid("seq", "must not be past the newest message (" + membership.lastSeq() + ")");
        }
        if (conversations.advanceReadMarker(conversation, caller.id(), seq)) {
            events.readMarked(new ChatEvents.ReadMarked(
                    conversation,
                    caller.id(),
                    seq,
                    Instant.now().truncatedTo(ChronoUnit.MICROS),
                    membership.members()));
            return new ReadMarker(conversation, caller.id(), seq);
        }
        return new ReadMarker(conversation, caller.id(), conversations.readMarker(conversation, caller.id()));
    }
}
