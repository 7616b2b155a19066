package dev.mercato.web.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** @param maxRequestBody the largest request body any endpoint accepts; larger ones get 413 */
@ConfigurationProperties("mercato.web")
public record MercatoWebProperties(@DefaultValue("1MB") DataSize maxRequestBody) {}
