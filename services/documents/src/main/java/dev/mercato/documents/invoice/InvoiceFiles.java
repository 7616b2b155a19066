package dev.mercato.documents.invoice;

import dev.mercato.documents.DocumentsSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Invoice PDFs on disk: {@code <dir>/invoices/<invoice id>.pdf}. A file is written beside its final name and moved
 * over it atomically, so a re-render replaces the one file and a reader never sees half of one.
 */
@Component
public class InvoiceFiles {

    private final Path dir;

    InvoiceFiles(DocumentsSettings settings) {
        this.dir = settings.dir().resolve("invoices");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    public Path path(UUID invoice) {
        return dir.resolve(invoice + ".pdf");
    }

    void write(UUID invoice, byte[] pdf) {
        Path target = path(invoice);
        Path partial = dir.resolve(invoice + ".pdf." + Thread.currentThread().threadId() + ".part");
        try {
            Files.write(partial, pdf);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }

    /**
     * Deletes the partial files older than {@code age}: a writer killed between writing and moving leaves its partial
     * behind (its name carries the writer's thread, so no other writer reuses it). No write takes minutes, so a partial
     * that old has no writer any more. @return how many were deleted
     */
    public int deleteStalePartials(Duration age) throws IOException {
        FileTime cutoff = FileTime.from(Instant.now().minus(age));
        int deleted = 0;
        try (DirectoryStream<Path> partials = Files.newDirectoryStream(dir, "*.part")) {
            for (Path partial : partials) {
                try {
                    if (Files.getLastModifiedTime(partial).compareTo(cutoff) < 0 && Files.deleteIfExists(partial)) {
                        deleted++;
                    }
                } catch (NoSuchFileException gone) {
                    // moved into place or deleted meanwhile
                }
            }
        }
        return deleted;
    }

    Optional<byte[]> read(UUID invoice) {
        try {
            return Optional.of(Files.readAllBytes(path(invoice)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path(invoice), e);
        }
    }
}
