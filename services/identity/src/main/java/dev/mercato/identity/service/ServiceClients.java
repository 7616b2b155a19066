package dev.mercato.identity.service;

import dev.mercato.identity.support.Sha256;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The services allowed to ask for service tokens: client id → SHA-256 (hex) of its secret, and the audiences (target
 * services) it may call. Secrets are long random strings, so a fast hash is enough; they are compared in constant
 * time.
 */
@ConfigurationProperties("identity.service-clients")
public record ServiceClients(@DefaultValue Map<String, Client> clients) {

    public record Client(String secretSha256, List<String> audiences) {

        public Client {
            audiences = audiences == null ? List.of() : List.copyOf(audiences);
        }
    }

    /** The client, if the secret is right. */
    Optional<Client> authenticate(String clientId, String secret) {
        Client client = clients.get(clientId);
        byte[] presented = Sha256.digest(secret == null ? "" : secret);
        byte[] expected =
                client == null ? new byte[presented.length] : HexFormat.of().parseHex(client.secretSha256());
        boolean matches = MessageDigest.isEqual(presented, expected);
        return client != null && matches ? Optional.of(client) : Optional.empty();
    }
}
