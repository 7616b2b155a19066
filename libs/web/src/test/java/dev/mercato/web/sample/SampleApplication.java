package dev.mercato.web.sample;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A minimal service using the web conventions the way real services do. */
@SpringBootApplication
public class SampleApplication {

    public record Order(
            @NotBlank @Size(max = 50) String name,
            @Min(1) int quantity,
            @Nullable List<String> tags) {}

    @RestController
    static class SampleController {

        @PostMapping("/orders")
        Order echo(@Valid @RequestBody Order order) {
            return order;
        }

        @GetMapping("/search")
        String search(@RequestParam(required = false) String q) {
            return q == null ? "" : q;
        }

        @GetMapping("/boom")
        String boom() {
            throw new IllegalStateException("secret internals at db-primary.internal:5432");
        }

        @GetMapping("/store-down")
        String storeDown() {
            throw new DataAccessResourceFailureException("connection refused to db-primary.internal");
        }

        @GetMapping("/pool-exhausted")
        String poolExhausted() {
            throw new CannotCreateTransactionException(
                    "Could not open JDBC Connection for transaction",
                    new SQLTransientConnectionException("db-primary.internal pool - request timed out after 2000ms"));
        }
    }
}
