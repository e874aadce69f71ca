package vn.attthub.incident;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;
import vn.attthub.audit.AuditEntry;
import vn.attthub.audit.AuditLog;
import vn.attthub.document.FileResponses;
import vn.attthub.organisation.AgencyDirectory;
import vn.attthub.shared.AgencyId;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.InvalidInputException.FieldError;
import vn.attthub.shared.NotFoundException;
import vn.attthub.shared.Permission;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Evidence files of an incident with SHA-256 and chain of custody (issue 4 §3; TT20 Art 11 "thu thập chứng cứ").
 * Files are streamed to {@code attt.storage.directory}/evidence under a random key while their SHA-256 is computed
 * and their size limited ({@code attt.incident.evidence-max-size}); any type is accepted (logs, captures, samples)
 * and always served as an {@code application/octet-stream} attachment. Every step (collection, download,
 * verification, transfer) appends an entry to an append-only custody chain whose entries carry the hash of the
 * previous one. Who sees an item follows {@link TlpRules}: RED only the case's named parties, a shared agency up to
 * its share's cap.
 */
@Component
class IncidentEvidence {
    static final String GENESIS = "0".repeat(64);
    enum Action { COLLECTED, DOWNLOADED, VERIFIED, TRANSFERRED }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Incidents incidents;
    private final IncidentViews views;
    private final AgencyDirectory agencies;
    private final Path root;
    private final boolean throwAway;
    private final long maxBytes;

    IncidentEvidence(JdbcClient jdbc, AuditLog audit, Incidents incidents, IncidentViews views,
                     AgencyDirectory agencies, @Value("${attt.storage.directory:./data/files}") String directory,
                     @Value("${attt.incident.evidence-max-size:20MB}") DataSize maxSize) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.incidents = incidents;
        this.views = views;
        this.agencies = agencies;
        this.maxBytes = maxSize.toBytes();
        this.throwAway = !StringUtils.hasText(directory);
        try {
            this.root = throwAway ? Files.createTempDirectory("attt-evidence-")
                    : Files.createDirectories(Path.of(directory).toAbsolutePath().normalize().resolve("evidence"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the evidence directory under " + directory, e);
        }
    }

    /** A throw-away directory (no storage directory configured, as in tests) goes with the application. */
    @jakarta.annotation.PreDestroy
    void discardThrowAway() throws IOException {
        if (throwAway) org.springframework.util.FileSystemUtils.deleteRecursively(root);
    }

    record Upload(String description, String collectionMethod, String collectionLocation, String collectedAt,
                  String tlp) {
    }

    record Transfer(UUID toAgencyId, String toPerson, String reason) {
    }

    record CustodyEntry(int n, Instant at, String action, String actor, UUID actorAgency, String result,
                        UUID toAgencyId, String toPerson, String note, String prevHash, String entryHash) {
    }

    record EvidenceView(UUID id, UUID incidentId, String fileName, String declaredType, long size, String sha256,
                        String description, String collectionMethod, String collectionLocation, Instant collectedAt,
                        String tlp, String uploadedBy, Instant uploadedAt, String custodian, boolean chainIntact,
                        List<CustodyEntry> custody) {
    }

    record Verification(String result, String expectedSha256, String actualSha256, EvidenceView evidence) {
    }

    /** Stores the upload and opens its chain of custody. */
    @Transactional
    EvidenceView upload(CurrentUser user, UUID incidentId, InputStream content, String fileName, String declaredType,
                        Upload body) {
        IncidentViews.Row row = views.row(incidentId, user);
        requireActor(user, row);
        List<FieldError> errors = new ArrayList<>();
        String description = Incidents.trim(body.description());
        String method = Incidents.trim(body.collectionMethod());
        String location = Incidents.trim(body.collectionLocation());
        if (content == null) errors.add(new FieldError("file", "Hãy chọn tệp chứng cứ (a file is required)."));
        if (description == null) errors.add(new FieldError("description", "Mô tả chứng cứ là bắt buộc (description is required)."));
        if (method == null) {
            errors.add(new FieldError("collectionMethod", "Nêu cách thu thập chứng cứ (collectionMethod is required)."));
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant collected = null;
        String at = Incidents.trim(body.collectedAt());
        if (at == null) {
            errors.add(new FieldError("collectedAt", "Thời điểm thu thập là bắt buộc (collectedAt is required)."));
        } else {
            try {
                collected = OffsetDateTime.parse(at.length() == 16 ? at + ":00+07:00" : at).toInstant()
                        .truncatedTo(ChronoUnit.MICROS);
                if (collected.isAfter(now.plusSeconds(300))) {
                    errors.add(new FieldError("collectedAt", "Thời điểm thu thập không được ở tương lai (collectedAt is in the future)."));
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("collectedAt", "Dùng ISO-8601 có múi giờ, ví dụ 2026-03-01T17:00:00+07:00 "
                        + "(ISO-8601 with offset expected)."));
            }
        }
        Tlp tlp = row.tlp();
        if (Incidents.trim(body.tlp()) != null) {
            try {
                tlp = Tlp.valueOf(body.tlp().strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("tlp", "TLP là một trong CLEAR, GREEN, AMBER, AMBER_STRICT, RED (invalid tlp)."));
            }
        }
        if (!errors.isEmpty()) throw new InvalidInputException("Chứng cứ chưa hợp lệ (invalid evidence).", errors);
        UUID key = UUID.randomUUID();
        Path target = pathOf(key);
        Path temp = null;
        String sha;
        long size;
        try {
            Files.createDirectories(target.getParent());
            temp = Files.createTempFile(target.getParent(), ".upload-", ".part");
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            size = copyLimited(new DigestInputStream(content, digest), temp);
            if (size == 0) throw InvalidInputException.field("file", "Tệp rỗng (the file is empty).");
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
            sha = HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the evidence file", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } finally {
            if (temp != null) deleteQuietly(temp);
        }
        deleteOnRollback(target);
        UUID id = UUID.randomUUID();
        Incidents.Actor actor = Incidents.Actor.of(user);
        String name = safeName(fileName);
        jdbc.sql("""
                        INSERT INTO incident_evidence (id, incident_id, file_name, declared_type, size_bytes, sha256,
                            storage_key, description, collection_method, collection_location, collected_at, tlp,
                            uploaded_by, uploaded_by_user, uploader_agency_id, uploaded_at)
                        VALUES (:id, :incident, :name, :type, :size, :sha, :key, :description, :method, :location,
                            :collected, :tlp, :by, :user, :agency, :now)""")
                .param("id", id).param("incident", incidentId).param("name", name)
                .param("type", Incidents.trim(declaredType)).param("size", size).param("sha", sha).param("key", key)
                .param("description", description).param("method", method).param("location", location)
                .param("collected", Timestamp.from(collected)).param("tlp", tlp.name()).param("by", actor.name())
                .param("user", actor.userId(), java.sql.Types.OTHER)
                .param("agency", user.agency() == null ? null : user.agency().value(), java.sql.Types.OTHER)
                .param("now", Timestamp.from(now)).update();
        append(id, now, Action.COLLECTED, user, null, user.agency() == null ? null : user.agency().value(),
                actor.name(), "SHA-256 " + sha + "; " + method + (location == null ? "" : "; tại " + location));
        incidents.event(incidentId, now, actor, "EVIDENCE_ADDED", null, null,
                "Chứng cứ " + name + " (SHA-256 " + sha.substring(0, 16) + "…, TLP:" + tlp + "): " + description);
        audit.record(AuditEntry.success("incident.evidence.added", "incident", incidentId, row.reporterAgency(),
                Map.of("evidenceId", id.toString(), "sha256", sha, "size", size, "tlp", tlp.name())));
        return find(user, incidentId, id);
    }

    List<EvidenceView> list(CurrentUser user, UUID incidentId) {
        IncidentViews.Access access = views.access(incidentId, user);
        return jdbc.sql("SELECT id, tlp FROM incident_evidence WHERE incident_id = :id ORDER BY uploaded_at, id")
                .param("id", incidentId).query((rs, n) -> access.maySee(Tlp.valueOf(rs.getString(2)))
                        ? rs.getObject(1, UUID.class) : null).list().stream()
                .filter(java.util.Objects::nonNull).map(e -> view(incidentId, e)).toList();
    }

    EvidenceView get(CurrentUser user, UUID incidentId, UUID evidenceId) {
        return find(user, incidentId, evidenceId);
    }

    /** The file as an attachment; appends a DOWNLOADED entry to the chain. */
    @Transactional
    ResponseEntity<Resource> download(CurrentUser user, UUID incidentId, UUID evidenceId) {
        EvidenceView e = find(user, incidentId, evidenceId);
        Path file = pathOf(storageKey(evidenceId));
        if (!Files.exists(file)) throw new NotFoundException("evidence file", evidenceId);
        Incidents.Actor actor = Incidents.Actor.of(user);
        append(evidenceId, Instant.now().truncatedTo(ChronoUnit.MICROS), Action.DOWNLOADED, user, null, null, null,
                "Tải xuống bởi " + actor.name());
        audit.record(AuditEntry.success("incident.evidence.downloaded", "incident", incidentId,
                views.row(incidentId, user).reporterAgency(), Map.of("evidenceId", evidenceId.toString())));
        try {
            ResponseEntity<Resource> r = FileResponses.attachment(e.fileName(), "application/octet-stream",
                    Files.size(file), new FileSystemResource(file), e.sha256());
            return ResponseEntity.status(r.getStatusCode()).headers(h -> {
                h.addAll(r.getHeaders());
                h.set("X-Evidence-SHA256", e.sha256());
            }).body(r.getBody());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Recomputes the file's SHA-256 and records MATCH or MISMATCH in the chain. */
    @Transactional
    Verification verify(CurrentUser user, UUID incidentId, UUID evidenceId) {
        IncidentViews.Row row = views.row(incidentId, user);
        EvidenceView e = find(user, incidentId, evidenceId);
        requireActor(user, row);
        String actual = hashOf(pathOf(storageKey(evidenceId)));
        String result = e.sha256().equals(actual) ? "MATCH" : "MISMATCH";
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Incidents.Actor actor = Incidents.Actor.of(user);
        append(evidenceId, now, Action.VERIFIED, user, result, null, null,
                "SHA-256 tính lại: " + (actual == null ? "không còn tệp (file missing)" : actual));
        if (!"MATCH".equals(result)) {
            incidents.event(incidentId, now, actor, "EVIDENCE_MISMATCH", null, null, "Chứng cứ " + e.fileName()
                    + " KHÔNG khớp SHA-256 đã lưu: tệp đã bị thay đổi hoặc mất.");
        }
        audit.record(AuditEntry.success("incident.evidence.verified", "incident", incidentId, row.reporterAgency(),
                Map.of("evidenceId", evidenceId.toString(), "result", result)));
        return new Verification(result, e.sha256(), actual, find(user, incidentId, evidenceId));
    }

    /** Custody passes to another agency or person, with the reason. */
    @Transactional
    EvidenceView transfer(CurrentUser user, UUID incidentId, UUID evidenceId, Transfer body) {
        IncidentViews.Row row = views.row(incidentId, user);
        find(user, incidentId, evidenceId);
        requireActor(user, row);
        List<FieldError> errors = new ArrayList<>();
        String person = body == null ? null : Incidents.trim(body.toPerson());
        String reason = body == null ? null : Incidents.trim(body.reason());
        UUID to = body == null ? null : body.toAgencyId();
        if (to != null && agencies.find(AgencyId.of(to)).isEmpty()) {
            errors.add(new FieldError("toAgencyId", "Không tìm thấy cơ quan (unknown agency)."));
        }
        if (person == null) errors.add(new FieldError("toPerson", "Nêu người nhận bàn giao (toPerson is required)."));
        if (reason == null) errors.add(new FieldError("reason", "Nêu lý do bàn giao (reason is required)."));
        if (!errors.isEmpty()) throw new InvalidInputException("Bàn giao chứng cứ chưa hợp lệ (invalid transfer).", errors);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        append(evidenceId, now, Action.TRANSFERRED, user, null, to, person, reason);
        String agencyName = to == null ? "" : " (" + agencies.find(AgencyId.of(to)).map(a -> a.nameVi()).orElse("") + ")";
        incidents.event(incidentId, now, Incidents.Actor.of(user), "EVIDENCE_TRANSFERRED", null, null,
                "Bàn giao chứng cứ cho " + person + agencyName + ": " + reason);
        Map<String, Object> details = new HashMap<>();
        details.put("evidenceId", evidenceId.toString());
        details.put("toPerson", person);
        if (to != null) details.put("toAgencyId", to.toString());
        audit.record(AuditEntry.success("incident.evidence.transferred", "incident", incidentId, row.reporterAgency(),
                details));
        return find(user, incidentId, evidenceId);
    }

    // ---- chain ----

    private void append(UUID evidenceId, Instant at, Action action, CurrentUser user, String result, UUID toAgency,
                        String toPerson, String note) {
        jdbc.sql("SELECT id FROM incident_evidence WHERE id = :id FOR UPDATE").param("id", evidenceId)
                .query(UUID.class).single();
        var last = jdbc.sql("""
                        SELECT n, entry_hash FROM incident_evidence_custody WHERE evidence_id = :id
                        ORDER BY n DESC LIMIT 1""").param("id", evidenceId)
                .query((rs, i) -> Map.entry(rs.getInt(1), rs.getString(2))).optional();
        int n = last.map(Map.Entry::getKey).orElse(0) + 1;
        String prev = last.map(Map.Entry::getValue).orElse(GENESIS);
        Incidents.Actor actor = Incidents.Actor.of(user);
        UUID actorAgency = user.agency() == null ? null : user.agency().value();
        CustodyEntry e = new CustodyEntry(n, at, action.name(), actor.name(), actorAgency, result, toAgency,
                toPerson, note, prev, null);
        String hash = hash(evidenceId, e);
        jdbc.sql("""
                        INSERT INTO incident_evidence_custody (evidence_id, n, at, action, actor, actor_user,
                            actor_agency, result, to_agency_id, to_person, note, prev_hash, entry_hash)
                        VALUES (:id, :n, :at, :action, :actor, :user, :agency, :result, :to, :person, :note, :prev,
                            :hash)""")
                .param("id", evidenceId).param("n", n).param("at", Timestamp.from(at)).param("action", action.name())
                .param("actor", actor.name()).param("user", actor.userId(), java.sql.Types.OTHER)
                .param("agency", actorAgency, java.sql.Types.OTHER).param("result", result)
                .param("to", toAgency, java.sql.Types.OTHER).param("person", toPerson).param("note", note)
                .param("prev", prev).param("hash", hash).update();
    }

    /** SHA-256 over the previous hash and every field of the entry. */
    static String hash(UUID evidenceId, CustodyEntry e) {
        String canonical = String.join("\u001f", evidenceId.toString(), String.valueOf(e.n()), e.at().toString(),
                e.action(), e.actor(), String.valueOf(e.actorAgency()), String.valueOf(e.result()),
                String.valueOf(e.toAgencyId()), String.valueOf(e.toPerson()), String.valueOf(e.note()), e.prevHash());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    static boolean intact(UUID evidenceId, List<CustodyEntry> chain) {
        String prev = GENESIS;
        int n = 1;
        for (CustodyEntry e : chain) {
            if (e.n() != n++ || !e.prevHash().equals(prev) || !hash(evidenceId, e).equals(e.entryHash())) return false;
            prev = e.entryHash();
        }
        return !chain.isEmpty();
    }

    // ---- reads ----

    private EvidenceView find(CurrentUser user, UUID incidentId, UUID evidenceId) {
        IncidentViews.Access access = views.access(incidentId, user);
        String tlp = jdbc.sql("SELECT tlp FROM incident_evidence WHERE id = :id AND incident_id = :incident")
                .param("id", evidenceId).param("incident", incidentId).query(String.class).optional()
                .orElseThrow(() -> new NotFoundException("evidence", evidenceId));
        // the same TLP rule as observables: RED only for named parties, a shared agency only up to its share's cap
        if (!access.maySee(Tlp.valueOf(tlp))) throw new NotFoundException("evidence", evidenceId);
        return view(incidentId, evidenceId);
    }

    private EvidenceView view(UUID incidentId, UUID evidenceId) {
        List<CustodyEntry> chain = jdbc.sql("""
                        SELECT n, at, action, actor, actor_agency, result, to_agency_id, to_person, note, prev_hash,
                               entry_hash FROM incident_evidence_custody WHERE evidence_id = :id ORDER BY n""")
                .param("id", evidenceId).query((rs, i) -> new CustodyEntry(rs.getInt(1),
                        rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                        rs.getObject(5, UUID.class), rs.getString(6), rs.getObject(7, UUID.class), rs.getString(8),
                        rs.getString(9), rs.getString(10), rs.getString(11))).list();
        String custodian = null;
        for (CustodyEntry e : chain) {
            if (e.action().equals("COLLECTED")) custodian = e.actor();
            if (e.action().equals("TRANSFERRED")) custodian = e.toPerson();
        }
        String current = custodian;
        return jdbc.sql("""
                        SELECT file_name, declared_type, size_bytes, sha256, description, collection_method,
                               collection_location, collected_at, tlp, uploaded_by, uploaded_at
                        FROM incident_evidence WHERE id = :id AND incident_id = :incident""")
                .param("id", evidenceId).param("incident", incidentId)
                .query((rs, i) -> new EvidenceView(evidenceId, incidentId, rs.getString(1), rs.getString(2),
                        rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getTimestamp(8).toInstant(), rs.getString(9), rs.getString(10),
                        rs.getTimestamp(11).toInstant(), current, intact(evidenceId, chain), chain))
                .optional().orElseThrow(() -> new NotFoundException("evidence", evidenceId));
    }

    /** Who may add, verify or transfer evidence: the case's reporter side, its responders or its coordinator. */
    boolean mayHandle(CurrentUser user, IncidentViews.Row row) {
        return views.canReport(user, row) || views.isResponder(user, row) || views.isCoordinator(user, row.id());
    }

    private void requireActor(CurrentUser user, IncidentViews.Row row) {
        if (!mayHandle(user, row)) {
            throw new AccessDeniedException("Chỉ cơ quan báo cáo, ứng cứu hoặc điều phối sự cố mới được thao tác với "
                    + "chứng cứ (only the case's reporter, responders or coordinator may handle evidence).");
        }
    }

    private UUID storageKey(UUID evidenceId) {
        return jdbc.sql("SELECT storage_key FROM incident_evidence WHERE id = :id").param("id", evidenceId)
                .query(UUID.class).single();
    }

    /** Where the evidence's bytes are (package-private for the tamper test). */
    Path pathOf(UUID storageKey) {
        String s = storageKey.toString();
        return root.resolve(s.substring(0, 2)).resolve(s);
    }

    Path fileOf(UUID evidenceId) {
        return pathOf(storageKey(evidenceId));
    }

    private static String hashOf(Path file) {
        if (!Files.exists(file)) return null;
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) digest.update(buffer, 0, n);
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private long copyLimited(InputStream in, Path temp) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(temp)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
                if (total > maxBytes) {
                    String limit = maxBytes >= 1024 * 1024 ? maxBytes / (1024 * 1024) + " MB" : maxBytes / 1024 + " KB";
                    String message = "Tệp chứng cứ vượt quá dung lượng cho phép " + limit + " (file larger than "
                            + limit + ").";
                    throw new InvalidInputException(413, message, List.of(new FieldError("file", message)));
                }
                out.write(buffer, 0, n);
            }
        }
        return total;
    }

    static String safeName(String name) {
        String n = name == null ? "" : name.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"<>|:*?]", "_").strip();
        if (n.isEmpty() || n.equals(".") || n.equals("..")) n = "chung-cu.bin";
        return n.length() > 200 ? n.substring(0, 200) : n;
    }

    private static void deleteOnRollback(Path file) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status == STATUS_ROLLED_BACK) deleteQuietly(file);
                }
            });
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // best effort
        }
    }
}
