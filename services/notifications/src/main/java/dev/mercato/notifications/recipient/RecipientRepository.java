package dev.mercato.notifications.recipient;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RecipientRepository {

    private final JdbcClient jdbc;

    RecipientRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void save(Recipient recipient) {
        jdbc.sql("""
                        insert into recipient (user_id, email, name, locale) values (:id, :email, :name, :locale)
                        on conflict (user_id) do update
                        set email = excluded.email, name = excluded.name, locale = excluded.locale, updated_at = now()
                        """)
                .param("id", recipient.userId())
                .param("email", recipient.email())
                .param("name", recipient.name())
                .param("locale", recipient.locale())
                .update();
    }

    Optional<Recipient> byUser(UUID user) {
        return jdbc.sql("select user_id, email, name, locale from recipient where user_id = ?")
                .param(user)
                .query((rs, row) -> new Recipient(
                        rs.getObject("user_id", UUID.class),
                        rs.getString("email"),
                        rs.getString("name"),
                        rs.getString("locale")))
                .optional();
    }

    void rememberOwner(UUID order, UUID user) {
        jdbc.sql("insert into order_owner (order_id, user_id) values (?, ?) on conflict (order_id) do nothing")
                .params(order, user)
                .update();
    }

    Optional<UUID> ownerOf(UUID order) {
        return jdbc.sql("select user_id from order_owner where order_id = ?")
                .param(order)
                .query(UUID.class)
                .optional();
    }
}
