package dev.mercato.chat.conversation;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Conversations, their members and read markers. */
@Repository
class ConversationRepository {

    /** A conversation with the caller's position in the listing it came from. */
    record Positioned(long position, ConversationView view) {}

    /** What a claim found when it could not take the conversation. */
    record ClaimTarget(String kind, @Nullable UUID assigneeId) {}

    private static final String VIEW_COLUMNS = """
            c.id, c.position, c.kind, c.subject, c.created_by, c.assignee_id, c.last_seq, c.created_at,
            c.last_message_at,
            (select array_agg(y.user_id order by y.joined_at, y.user_id) from member y
              where y.conversation_id = c.id) as members
            """;

    private final JdbcClient jdbc;

    ConversationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, String kind, String subject, UUID createdBy, @Nullable UUID assignee) {
        jdbc.sql("""
                        insert into conversation (id, kind, subject, created_by, assignee_id)
                        values (:id, :kind, :subject, :createdBy, :assignee)
                        """)
                .param("id", id)
                .param("kind", kind)
                .param("subject", subject)
                .param("createdBy", createdBy)
                .param("assignee", assignee)
                .update();
    }

    void addMember(UUID conversation, UUID user) {
        jdbc.sql("""
                        insert into member (conversation_id, user_id) values (:conversation, :user)
                        on conflict do nothing
                        """).param("conversation", conversation).param("user", user).update();
    }

    /** The caller's conversations, newest first, those before {@code beforePosition}; one more than the page. */
    List<Positioned> forMember(UUID user, long beforePosition, int limit) {
        return jdbc.sql("select " + VIEW_COLUMNS + """
                        , m.read_seq,
                          (select count(*) from message x where x.conversation_id = c.id and x.seq > m.read_seq
                              and x.sender_id <> :user) as unread
                        from member m join conversation c on c.id = m.conversation_id
                        where m.user_id = :user and c.position < :before
                        order by c.position desc
                        limit :limit
                        """)
                .param("user", user)
                .param("before", beforePosition)
                .param("limit", limit + 1)
                .query(ConversationRepository::positioned)
                .list();
    }

    /** Support conversations nobody claimed yet, oldest first, after {@code afterPosition}; one more than the page. */
    List<Positioned> unassigned(long afterPosition, int limit) {
        return jdbc.sql("select " + VIEW_COLUMNS + """
                        , 0 as read_seq, c.last_seq as unread
                        from conversation c
                        where c.kind = 'support' and c.assignee_id is null and c.position > :after
                        order by c.position
                        limit :limit
                        """)
                .param("after", afterPosition)
                .param("limit", limit + 1)
                .query(ConversationRepository::positioned)
                .list();
    }

    Optional<ConversationView> forMember(UUID conversation, UUID user) {
        return jdbc.sql("select " + VIEW_COLUMNS + """
                        , m.read_seq,
                          (select count(*) from message x where x.conversation_id = c.id and x.seq > m.read_seq
                              and x.sender_id <> :user) as unread
                        from member m join conversation c on c.id = m.conversation_id
                        where m.user_id = :user and c.id = :id
                        """)
                .param("user", user)
                .param("id", conversation)
                .query(ConversationRepository::positioned)
                .optional()
                .map(Positioned::view);
    }

    /**
     * The caller's membership with the conversation's row locked until the transaction ends ({@code lock}), so that
     * the senders of one conversation take sequence numbers one after the other; empty for a non-member.
     */
    Optional<Membership> membership(UUID conversation, UUID user, boolean lock) {
        Optional<Long> lastSeq = jdbc.sql("""
                        select c.last_seq from conversation c
                        join member m on m.conversation_id = c.id and m.user_id = :user
                        where c.id = :id
                        """ + (lock ? " for update of c" : ""))
                .param("id", conversation)
                .param("user", user)
                .query(Long.class)
                .optional();
        return lastSeq.map(seq -> new Membership(conversation, user, seq, members(conversation)));
    }

    List<UUID> members(UUID conversation) {
        return jdbc.sql("select user_id from member where conversation_id = :id order by joined_at, user_id")
                .param("id", conversation)
                .query(UUID.class)
                .list();
    }

    /** Assigns an unassigned support conversation; false when it is not one (taken, a room, unknown). */
    boolean assign(UUID conversation, UUID agent) {
        return jdbc.sql("""
                        update conversation set assignee_id = :agent
                        where id = :id and kind = 'support' and assignee_id is null
                        """).param("id", conversation).param("agent", agent).update() == 1;
    }

    Optional<ClaimTarget> claimTarget(UUID conversation) {
        return jdbc.sql("select kind, assignee_id from conversation where id = :id")
                .param("id", conversation)
                .query((rs, row) -> new ClaimTarget(rs.getString("kind"), rs.getObject("assignee_id", UUID.class)))
                .optional();
    }

    /** Moves the member's read marker forward to {@code seq}; false when it already was there or further. */
    boolean advanceReadMarker(UUID conversation, UUID user, long seq) {
        return jdbc.sql("""
                        update member set read_seq = :seq
                        where conversation_id = :id and user_id = :user and read_seq < :seq
                        """)
                        .param("id", conversation)
                        .param("user", user)
                        .param("seq", seq)
                        .update()
                == 1;
    }

    long readMarker(UUID conversation, UUID user) {
        return jdbc.sql("select read_seq from member where conversation_id = :id and user_id = :user")
                .param("id", conversation)
                .param("user", user)
                .query(Long.class)
                .single();
    }

    private static Positioned positioned(ResultSet rs, int row) throws SQLException {
        Array members = rs.getArray("members");
        List<UUID> memberIds = members == null
                ? List.of()
                : Arrays.stream((Object[]) members.getArray())
                        .map(UUID.class::cast)
                        .toList();
        return new Positioned(
                rs.getLong("position"),
                new ConversationView(
                        rs.getObject("id", UUID.class),
                        rs.getString("kind"),
                        rs.getString("subject"),
                        rs.getObject("created_by", UUID.class),
                        rs.getObject("assignee_id", UUID.class),
                        memberIds,
                        rs.getLong("last_seq"),
                        rs.getLong("read_seq"),
                        rs.getLong("unread"),
                        instant(rs.getTimestamp("created_at")),
                        instant(rs.getTimestamp("last_message_at"))));
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
