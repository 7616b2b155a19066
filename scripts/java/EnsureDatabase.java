import java.sql.DriverManager;

/**
 * Creates a PostgreSQL database when it is missing, for ./mercato on machines without psql.
 * Arguments: JDBC URL of an existing database, user, name of the database to create; password in PGPASSWORD.
 * Prints "created" when it created the database.
 */
class EnsureDatabase {
    public static void main(String[] args) throws Exception {
        String url = args[0], user = args[1], name = args[2];
        String password = System.getenv().getOrDefault("PGPASSWORD", "");
        try (var connection = DriverManager.getConnection(url, user, password);
                var lookup = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            lookup.setString(1, name);
            try (var rows = lookup.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (var create = connection.createStatement()) {
                create.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
            }
            System.out.println("created");
        }
    }
}
