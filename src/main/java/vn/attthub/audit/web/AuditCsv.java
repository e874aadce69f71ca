package vn.attthub.audit.web;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import vn.attthub.audit.AuditRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;

/** Writes audit entries as CSV (RFC 4180, UTF-8 with a byte-order mark so that spreadsheet programs read Vietnamese). */
final class AuditCsv implements AutoCloseable {
    static final String[] HEADER = {"seq", "occurred_at", "actor_name", "actor_user_id", "agency_id", "agency_code",
            "action", "target_type", "target_id", "outcome", "source_ip", "details", "hash"};
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private final CSVPrinter printer;
    private int rows;

    AuditCsv(Writer out) throws IOException {
        out.write('\uFEFF');
        this.printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(HEADER).get());
    }

    void write(AuditRecord r) {
        try {
            printer.printRecord(r.seq(), TIME.format(r.occurredAt().atZone(AuditFilters.ZONE)), r.actorName(),
                    r.actorUserId(), r.agencyId(), r.agencyCode(), r.action(), r.targetType(), r.targetId(),
                    r.outcome(), r.sourceIp(), r.details(), r.hash());
            if (++rows % 500 == 0) {
                printer.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}
