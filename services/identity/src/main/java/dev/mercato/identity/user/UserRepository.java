package dev.mercato.identity.user;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class UserRepository {

    private final JdbcClient jdbc;

    UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the user unless the email is taken; tells which happened. */
    boolean insert(User user) {
        return jdbc.sql("""
                        insert into app_user (id, email, name, password_hash, roles, locale)
                        values (:id, :email, :name, :hash, :roles::text[], :locale)
                        on conflict (email) do nothing
                        """)
                        .param("id", user.id())
                        .param("email", user.email())
                        .param("name", user.name())
                        .param("hash", user.passwordHash())
                        .param("roles", "{" + String.join(",", user.roles()) + "}")
                        .param("locale", user.locale())
                        .update()
                == 1;
    }

    Optional<User> byEmail(String email) {
        return jdbc.sql("select * from app_user where email = :email")
                .param("email", email)
                .query(UserRepository::user)
                .optional();
    }

    Optional<User> byId(UUID id) {
        return jdbc.sql("select * from app_user where id = :id")
                .param("id", id)
                .query(UserRepository::user)
                .optional();
    }

    void updatePasswordHash(UUID id, String hash) {
        jdbc.sql("update app_user set password_hash = :hash, updated_at = now() where id = :id")
                .param("id", id)
                .param("hash", hash)
                .update();
    }

    /** Replaces the account's roles; false for an unknown account. */
    boolean updateRoles(UUID id, List<String> roles) {
        return jdbc.sql("update app_user set roles = :roles::text[], updated_at = now() where id = :id")
                        .param("id", id)
                        .param("roles", "{" + String.join(",", roles) + "}")
                        .update()
                == 1;
    }

    private static User user(ResultSet rs, int row) throws SQLException {
        Array roles = rs.getArray("roles");
        return new User(
                rs.getObject("id", UUID.class),
                rs.getString("email"),
                rs.getString("name"),
                rs.getString("password_hash"),
                List.copyOf(Arrays.asList((String[]) roles.getArray())),
                rs.getString("locale"));
    }
}
