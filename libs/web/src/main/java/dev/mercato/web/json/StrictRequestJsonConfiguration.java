package dev.mercato.web.json;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.http.converter.autoconfigure.ServerHttpMessageConvertersCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Binds HTTP request bodies with {@link StrictJson}. The server converters only: responses this service reads from
 * others, and messages and cached values, keep the application's mapper.
 */
@AutoConfiguration(
        afterName = "org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ServerHttpMessageConvertersCustomizer.class, JacksonJsonHttpMessageConverter.class})
public class StrictRequestJsonConfiguration {

    /** After Spring Boot's own customizer, so this JSON converter replaces the lenient one. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    @ConditionalOnBean(JsonMapper.class)
    ServerHttpMessageConvertersCustomizer strictJsonRequests(JsonMapper jsonMapper) {
        JsonMapper strict = StrictJson.from(jsonMapper);
        return converters -> converters.withJsonConverter(new JacksonJsonHttpMessageConverter(strict));
    }
}
