package dev.mercato.chat.message;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The message archive and the conversation's sequence counter. */
@Repository
class MessageRepository {

    private static final String COLUMNS = "seq, id, client_message_id, sender_id, body, sent_at";

    private final JdbcClient jdbc;

    MessageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ChatMessage> byClientMessageId(UUID conversation, UUID sender, String clientMessageId) {
        return jdbc.sql("select " + COLUMNS + """
                         from message
                        where conversation_id = :conversation and sender_id = :sender
                          and client_message_id = :clientMessageId
                        """)
                .param("conversation", conversation)
                .param("sender", sender)
                .param("clientMessageId", clientMessageId)
                .query(MessageRepository::message)
                .optional();
    }

    /** The next sequence number of the conversation, taken in the caller's transaction (whose lock it holds). */
    long nextSeq(UUID conversation) {
        return jdbc.sql("""
                        update conversation set last_seq = last_seq + 1, last_message_at = now()
                        where id = :id returning last_seq
                        """).param("id", conversation).query(Long.class).single();
    }

    void insert(UUID conversation, ChatMessage message) {
        jdbc.sql("""
                        insert into message (conversation_id, seq, id, client_message_id, sender_id, body, sent_at)
                        values (:conversation, :seq, :id, :clientMessageId, :sender, :body, :sentAt)
                        """)
                .param("conversation", conversation)
                .param("seq", message.seq())
                .param("id", message.id())
                .param("clientMessageId", message.clientMessageId())
                .param("sender", message.senderId())
                .param("body", message.body())
                .param("sentAt", java.sql.Timestamp.from(message.sentAt()))
                .update();
    }

    /** Messages after {@code seq}, oldest first, at most {@code limit}. */
    List<ChatMessage> after(UUID conversation, long seq, int limit) {
        return jdbc.sql("select " + COLUMNS + """
                         from message where conversation_id = :conversation and seq > :seq
                        order by seq limit :limit
                        """)
                .param("conversation", conversation)
                .param("seq", seq)
                .param("limit", limit)
                .query(MessageRepository::message)
                .list();
    }

    /** Messages before {@code seq}, newest first, at most {@code limit}. */
    List<ChatMessage> before(UUID conversation, long seq, int limit) {
        return jdbc.sql("select " + COLUMNS + """
                         from message where conversation_id = :conversation and seq < :seq
                        order by seq desc limit :limit
                        """)
                .param("conversation", conversation)
                .param("seq", seq)
                .param("limit", limit)
                .query(MessageRepository::message)
                .list();
    }

    private static ChatMessage message(ResultSet rs, int row) throws SQLException {
        return new ChatMessage(
                rs.getLong("seq"),
                rs.getObject("id", UUID.class),
                rs.getString("client_message_id"),
                rs.getObject("sender_id", UUID.class),
                rs.getString("body"),
                rs.getTimestamp("sent_at").toInstant());
    }
}
