package dev.mercato.documents;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param dir where rendered documents are stored ({@code invoices/}, {@code reports/}); shared by every instance
 *     of the service (one machine, or a ReadWriteMany volume in Kubernetes)
 */
@ConfigurationProperties("documents")
public record DocumentsSettings(Path dir) {}
