package dev.mercato.pspsim.fault;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Faults apply to the provider API only; the admin API and health probes stay prompt. */
@Configuration(proxyBeanMethods = false)
class FaultConfiguration implements WebMvcConfigurer {

    private final Faults faults;

    FaultConfiguration(Faults faults) {
        this.faults = faults;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new FaultInterceptor(faults)).addPathPatterns("/v1/**");
    }
}
