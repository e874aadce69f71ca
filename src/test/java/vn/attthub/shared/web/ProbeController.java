package vn.attthub.shared.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
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
    private final JdbcClient jdbc;
    private final TransactionTemplate inner;

    ProbeController(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.inner = new TransactionTemplate(transactions);
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
     * Records {@code name} in probe_change (created by the test; its unique constraint is checked at commit) and
     * answers 201, in one transaction with the stored answer. {@code then}: {@code rollback} marks the transaction
     * rollback-only as a failed, caught inner {@code @Transactional} call would; {@code invalid} fails with a 400;
     * {@code twice} records the name twice, which only the commit refuses.
     */
    @PostMapping("/atomic")
    @IdempotentWithItsAnswer
    ResponseEntity<ProbeResponse> atomic(@RequestBody ProbeRequest request,
                                         @org.springframework.web.bind.annotation.RequestParam String then) {
        int n = EXECUTIONS.incrementAndGet();
        jdbc.sql("INSERT INTO probe_change (name) VALUES (?)").param(request.name()).update();
        switch (then) {
            case "rollback" -> inner.executeWithoutResult(TransactionStatus::setRollbackOnly);
            case "invalid" -> throw new InvalidInputException("invalid probe",
                    List.of(new InvalidInputException.FieldError("name", "refused")));
            case "twice" -> jdbc.sql("INSERT INTO probe_change (name) VALUES (?)").param(request.name()).update();
            default -> { }
        }
        return ResponseEntity.created(URI.create("/api/v1/test-probe/" + n))
                .body(new ProbeResponse(n, request.name(), request.colour()));
    }
}
