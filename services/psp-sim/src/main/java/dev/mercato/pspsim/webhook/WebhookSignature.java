package dev.mercato.pspsim.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code Psp-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}. Signing the
 * timestamp with the body lets receivers refuse old deliveries replayed by someone else.
 */
public final class WebhookSignature {

    public static final String HEADER = "Psp-Signature";

    private WebhookSignature() {}

    public static String header(String secret, long timestamp, String body) {
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(hmac(secret, timestamp + "." + body));
    }

    /**
     * What a receiver does: recompute the HMAC over the raw body, compare in constant time, and check the timestamp is
     * within {@code toleranceSeconds} of its clock.
     */
    public static boolean verify(String secret, String header, String body, long nowSeconds, long toleranceSeconds) {
        Long timestamp = null;
        byte[] expected = null;
        boolean matched = false;
        for (String part : header == null ? new String[0] : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                return false;
            }
            String name = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if (name.equals("t")) {
                try {
                    timestamp = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    return false;
                }
                expected = hmac(secret, timestamp + "." + body);
            } else if (name.equals("v1") && expected != null && value.length() == expected.length * 2) {
                try {
                    matched |= MessageDigest.isEqual(expected, HexFormat.of().parseHex(value));
                } catch (IllegalArgumentException e) {
                    return false;
                }
            }
        }
        return matched && Math.abs(nowSeconds - timestamp) <= toleranceSeconds;
    }

    private static byte[] hmac(String secret, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
