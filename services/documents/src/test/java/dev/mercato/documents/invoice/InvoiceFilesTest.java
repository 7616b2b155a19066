package dev.mercato.documents.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mercato.documents.DocumentsSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvoiceFilesTest {

    @TempDir
    Path dir;

    @Test
    void aPartialLeftByAKilledWriterIsDeletedOnceItIsOldTheRestStays() throws Exception {
        InvoiceFiles files = new InvoiceFiles(new DocumentsSettings(dir));
        UUID written = UUID.randomUUID();
        files.write(written, "%PDF-1.7".getBytes());
        Path stale = dir.resolve("invoices").resolve(UUID.randomUUID() + ".pdf.41.part");
        Path fresh = dir.resolve("invoices").resolve(UUID.randomUUID() + ".pdf.42.part");
        Files.writeString(stale, "%PDF-half");
        Files.writeString(fresh, "%PDF-half");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(1))));

        assertThat(files.deleteStalePartials(Duration.ofMinutes(10))).isEqualTo(1);

        assertThat(stale).doesNotExist();
        assertThat(fresh).as("maybe still being written").exists();
        assertThat(files.path(written)).hasContent("%PDF-1.7");
        assertThat(files.deleteStalePartials(Duration.ofMinutes(10))).isZero();
    }
}
