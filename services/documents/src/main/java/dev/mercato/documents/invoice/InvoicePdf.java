package dev.mercato.documents.invoice;

import dev.mercato.documents.order.OrderCopy;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfWriter;

/** A one-page A4 invoice in the PDF base fonts (nothing to embed, nothing to load): pure, no I/O. */
final class InvoicePdf {

    private static final Font TITLE = new Font(Font.HELVETICA, 18, Font.BOLD);
    private static final Font TEXT = new Font(Font.HELVETICA, 10);
    private static final Font BOLD = new Font(Font.HELVETICA, 10, Font.BOLD);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private InvoicePdf() {}

    static byte[] render(String number, OrderCopy order) {
        var out = new ByteArrayOutputStream(4096);
        var document = new Document(PageSize.A4, 48, 48, 48, 48);
        PdfWriter.getInstance(document, out);
        document.addTitle("Invoice " + number);
        document.addCreator("Mercato documents");
        document.open();
        document.add(new Paragraph("Invoice " + number, TITLE));
        document.add(new Paragraph("Mercato", BOLD));
        document.add(new Paragraph("Order " + order.orderId(), TEXT));
        document.add(new Paragraph("Customer " + order.userId(), TEXT));
        document.add(new Paragraph(
                "Date " + DAY.format(order.confirmedAt() != null ? order.confirmedAt() : order.createdAt()), TEXT));
        document.add(new Paragraph(" ", TEXT));

        var table = new PdfPTable(new float[] {2, 5, 1, 2, 2});
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        for (String heading : new String[] {"SKU", "Item", "Qty", "Unit price", "Amount"}) {
            table.addCell(new PdfPCell(new Phrase(heading, BOLD)));
        }
        for (OrderCopy.Line line : order.lines()) {
            table.addCell(new Phrase(line.sku(), TEXT));
            table.addCell(new Phrase(line.name(), TEXT));
            table.addCell(right(Integer.toString(line.quantity()), TEXT));
            table.addCell(right(money(line.unitPrice(), order.currency()), TEXT));
            table.addCell(right(money(line.lineTotal(), order.currency()), TEXT));
        }
        var label = new PdfPCell(new Phrase("Total", BOLD));
        label.setColspan(4);
        table.addCell(label);
        table.addCell(right(money(order.total(), order.currency()), BOLD));
        document.add(table);
        document.close();
        return out.toByteArray();
    }

    private static PdfPCell right(String text, Font font) {
        var cell = new PdfPCell(new Phrase(text, font));
        cell.setHorizontalAlignment(Element.ALIGN_RIGHT);
        return cell;
    }

    private static String money(BigDecimal amount, String currency) {
        return amount.setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString() + " " + currency;
    }
}
