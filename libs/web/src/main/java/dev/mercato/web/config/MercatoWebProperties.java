package dev.mercato.web.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxRequestBody the largest request body any endpoint accepts; larger ones get 413
 * @param maxQueryParameters the most query parameters a request may carry; more get 400
 */
@ConfigurationProperties("mercato.web")
public record MercatoWebProperties(
        @DefaultValue("1MB") DataSize maxRequestBody,
        @DefaultValue("1000") int maxQueryParameters) {}
