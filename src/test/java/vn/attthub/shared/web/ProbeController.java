package vn.attthub.shared.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.attthub.shared.GroupCommit;
import vn.attthub.shared.InvalidInputException;
import vn.attthub.shared.Permission;
import vn.attthub.shared.RequiresPermission;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test-only JSON endpoint to prove the API infrastructure (body limits, content types, JSON errors,
 * Idempotency-Key) independently of the modules' own endpoints. It counts executions so a test can tell a
 * replay from a second execution.
 */
@RestController
@RequestMapping("/api/v1/test-probe")
@RequiresPermission(Permission.AGENCY_READ)
class ProbeController {
    static final AtomicInteger EXECUTIONS = new AtomicInteger();
    /** Claim rows of its key that the last /atomic call found while it ran (none: it writes in a group commit). */
    static final AtomicInteger ATOMIC_CLAIM_ROWS = new AtomicInteger(-1);
    private final JdbcTemplate jdbc;
    private final GroupCommit.Writer<String> changes = this::insert;

    ProbeController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private void insert(List<String> names) {
        jdbc.batchUpdate("INSERT INTO probe_change (name) VALUES (?)", names.stream().map(n -> new Object[]{n}).toList());
    }

    enum Colour { RED, GREEN }

    record Item(@NotBlank String label, Integer weight) {
    }

    record ProbeRequest(@NotBlank String name, Colour colour, Integer count, List<Item> items) {
    }

    record ProbeResponse(int execution, String name, Colour colour) {
    }

    @PostMapping
    ResponseEntity<ProbeResponse> create(@Valid @RequestBody ProbeRequest request) {
        int n = EXECUTIONS.incrementAndGet();
        return ResponseEntity.created(URI.create("/api/v1/test-probe/" + n))
                .body(new ProbeResponse(n, request.name(), request.colour()));
    }

    @PostMapping("/slow")
    ResponseEntity<ProbeResponse> slow(@Valid @RequestBody ProbeRequest request) throws InterruptedException {
        int n = EXECUTIONS.incrementAndGet();
        Thread.sleep(700);
        return ResponseEntity.status(201).body(new ProbeResponse(n, request.name(), request.colour()));
    }

    @PostMapping("/fail")
    ResponseEntity<ProbeResponse> fail(@RequestBody ProbeRequest request) {
        EXECUTIONS.incrementAndGet();
        throw new IllegalStateException("probe failure");
    }

    /**
     * Records {@code name} in probe_change (created by the test; its unique constraint is checked at commit) through
     * {@link GroupCommit} and answers 201: the change commits with the stored answer. {@code then}: {@code invalid}
     * fails with a 400; {@code twice} records the name twice, which only the commit refuses.
     */
    @PostMapping("/atomic")
    @IdempotentWithItsAnswer
    ResponseEntity<ProbeResponse> atomic(@RequestBody ProbeRequest request,
                                         @org.springframework.web.bind.annotation.RequestParam String then,
                                         @org.springframework.web.bind.annotation.RequestHeader(
                                                 value = IdempotencyKeys.HEADER, required = false) String key) {
        int n = EXECUTIONS.incrementAndGet();
        ATOMIC_CLAIM_ROWS.set(jdbc.queryForObject("SELECT count(*) FROM idempotent_request WHERE key = ?",
                Integer.class, key));
        GroupCommit.write(changes, request.name());
        switch (then) {
            case "invalid" -> throw new InvalidInputException("invalid probe",
                    List.of(new InvalidInputException.FieldError("name", "refused")));
            case "twice" -> GroupCommit.write(changes, request.name());
            default -> { }
        }
        return ResponseEntity.created(URI.create("/api/v1/test-probe/" + n))
                .body(new ProbeResponse(n, request.name(), request.colour()));
    }
}
