package dev.mercato.notifications.localmail;

import dev.mercato.web.problem.ProblemException;
import dev.mercato.web.problem.ProblemType;
import dev.mercato.web.problem.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /v1/admin/mail} (api.md): in local runs, what the local SMTP server captured, for a person to read. */
@RestController
@Tag(name = "Local mail", description = "What the local SMTP server captured (admin, local runs only)")
class LocalMailController {

    private static final Logger log = LoggerFactory.getLogger(LocalMailController.class);

    private final LocalMailbox mailbox;

    LocalMailController(LocalMailbox mailbox) {
        this.mailbox = mailbox;
    }

    @GetMapping("/v1/admin/mail")
    @Operation(
            summary = "Mails the local SMTP server captured, newest first (admin, local runs only)",
            description = "The " + LocalMailbox.MOST + " newest mails, optionally only those to one address (?to=):"
                    + " recipient, subject, Content-Language, when it was sent, the text part. A platform that sends"
                    + " mail for real has no local SMTP server: 404.")
    @ApiResponse(responseCode = "404", description = "Not a local run: no local SMTP server captures the mail")
    Map<String, List<CapturedMail>> list(@RequestParam(required = false) @Nullable String to) {
        if (!mailbox.configured()) {
            throw new ProblemException(Problems.of(
                    ProblemType.NOT_FOUND,
                    "No local SMTP server captures mail here: /v1/admin/mail exists in local runs only"));
        }
        String address = to == null || to.isBlank() ? null : to.strip();
        try {
            return Map.of("items", mailbox.mails(address));
        } catch (LocalMailbox.Unavailable e) {
            log.warn("GET /v1/admin/mail answered 503: {}", e.getMessage());
            throw new ProblemException(Problems.of(
                            ProblemType.UNAVAILABLE, "The local SMTP server cannot be read right now; retry shortly"))
                    .withHeader("Retry-After", "1");
        }
    }
}
