package dev.mercato.documents.report;

import dev.mercato.documents.DocumentsSettings;
import dev.mercato.documents.order.DailySales;
import dev.mercato.documents.order.OrderRepository;
import dev.mercato.messaging.consumer.PermanentMessageFailure;
import dev.mercato.messaging.envelope.Envelope;
import dev.mercato.messaging.outbox.Outbox;
import dev.mercato.messaging.outbox.OutgoingMessage;
import dev.mercato.messaging.topology.Exchanges;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Daily sales as CSV ({@code day,currency,orders,total}) over the orders confirmed in a range: requested through the
 * outbox onto the headers exchange, written by the report consumer to {@code <dir>/reports/<report id>.csv}.
 */
@Service
public class SalesReports {

    private final ReportRepository reports;
    private final OrderRepository orders;
    private final Outbox outbox;
    private final Path dir;

    SalesReports(ReportRepository reports, OrderRepository orders, Outbox outbox, DocumentsSettings settings) {
        this.reports = reports;
        this.orders = orders;
        this.outbox = outbox;
        this.dir = settings.dir().resolve("reports");
    }

    @Transactional
    public UUID request(Instant from, Instant to) {
        UUID report = UUID.randomUUID();
        reports.requested(report, from, to);
        outbox.append(new OutgoingMessage(
                Exchanges.DOCUMENTS,
                "",
                SalesReport.MESSAGE_TYPE,
                1,
                "sales-report",
                report.toString(),
                new SalesReport(report),
                null,
                null,
                null,
                SalesReport.HEADERS));
        return report;
    }

    /** The consumer's handler, in the inbox transaction. */
    public void handle(Envelope message) {
        if (!SalesReport.MESSAGE_TYPE.equals(message.type())) {
            throw new PermanentMessageFailure("not a sales report: " + message.qualifiedType());
        }
        UUID report = UUID.fromString(message.payload().get("reportId").asString());
        Instant[] range = reports.range(report).orElseThrow(() -> new PermanentMessageFailure("no report " + report));
        var csv = new StringBuilder("day,currency,orders,total\n");
        for (DailySales day : orders.salesByDay(range[0], range[1])) {
            csv.append(day.day())
                    .append(',')
                    .append(day.currency())
                    .append(',')
                    .append(day.orders())
                    .append(',')
                    .append(day.total().toPlainString())
                    .append('\n');
        }
        write(report, csv.toString());
        reports.rendered(report);
    }

    public Optional<byte[]> csv(UUID report) {
        if (!reports.isRendered(report)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(file(report)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path file(UUID report) {
        return dir.resolve(report + ".csv");
    }

    private void write(UUID report, String csv) {
        try {
            Files.createDirectories(dir);
            Path partial = dir.resolve(report + ".csv.part");
            Files.writeString(partial, csv, StandardCharsets.UTF_8);
            Files.move(partial, file(report), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write report " + report, e);
        }
    }
}
