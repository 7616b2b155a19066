package dev.mercato.notifications.recipient;

import java.util.UUID;
import org.springframework.stereotype.Service;

/** This service's copy of who to write to: kept from identity's and ordering's events, read on every mail. */
@Service
public class Recipients {

    private final RecipientRepository repository;

    Recipients(RecipientRepository repository) {
        this.repository = repository;
    }

    public void registered(Recipient recipient) {
        repository.save(recipient);
    }

    /** The user's recipient, remembering that the order is theirs (a later refund names only the order). */
    public Recipient forOrder(UUID order, UUID user) {
        repository.rememberOwner(order, user);
        return byUser(user);
    }

    /** The recipient of an order seen before in an order event. */
    public Recipient forOrder(UUID order) {
        UUID user = repository
                .ownerOf(order)
                .orElseThrow(() -> new RecipientNotKnownYet("order " + order + " not seen yet"));
        return byUser(user);
    }

    /** The user's recipient (an event about the user, not about an order). */
    public Recipient forUser(UUID user) {
        return byUser(user);
    }

    private Recipient byUser(UUID user) {
        return repository.byUser(user).orElseThrow(() -> new RecipientNotKnownYet("user " + user + " not known yet"));
    }
}
