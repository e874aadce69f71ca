package vn.attthub.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.ServletRequestPathUtils;
import vn.attthub.shared.AsynchronousCommit;
import vn.attthub.shared.CurrentUser;
import vn.attthub.shared.GroupCommit;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * {@code Idempotency-Key} on {@code POST /api/v1/**}: a client that retries a POST with the same key gets the first
 * response again (status, content type, Location, body, plus {@code Idempotent-Replayed: true}) instead of a second
 * execution. Keys are per caller (the signed-in user's id), so two callers never see each other's responses.
 * <ul>
 *   <li>The key is claimed with an insert ({@code ON CONFLICT}) that commits <em>before</em> the handler runs, so of
 *       two concurrent requests with one key only one executes; the other waits for the first response (up to
 *       {@code attt.idempotency.wait}) and replays it, or answers 409 "in progress".</li>
 *   <li>The same key with a different request (method, path, content type or body) answers 422.</li>
 *   <li>2xx and 4xx responses are stored; after a 5xx (or an exception) the claim is released so the client can
 *       retry the same key.</li>
 *   <li>Entries expire after {@code attt.idempotency.ttl} (24 h); an expired key can be used again. A claim whose
 *       instance died mid-request is taken over after {@code attt.idempotency.abandon-after}.</li>
 * </ul>
 * Runs after Spring Security, so the caller is known; requests without a key pass through untouched.
 * <p>
 * A handler marked {@link IdempotentWithItsAnswer} is found before it runs, and its key is not claimed:
 * {@link #groupCommits()} opens a {@link GroupCommit} unit just before the handler, the handler's services write
 * through it, the answer is added to it (inserted, not updated), and both commit together in one group commit with
 * other requests. Of two concurrent requests with one key, the second's group commit fails on the key and it replays
 * the first's answer instead. A 2xx whose changes cannot commit is answered 503 with nothing stored, so a retry
 * executes it again; any other answer drops the unit's changes.
 */
public class IdempotencyKeys extends OncePerRequestFilter {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);
    private static final int MAX_KEY = 200;

    /** Request attribute: the {@link Claim} of the request being executed. */
    static final String CLAIM = IdempotencyKeys.class.getName() + ".claim";

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final GroupCommit groupCommit;
    private final GroupCommit.Writer<Answer> newAnswers = rows -> insertAll(rows, true);
    private final ObjectProvider<RequestMappingHandlerMapping> handlers;
    private final long maxBody;
    private final Duration ttl;
    private final Duration wait;
    private final Duration abandonAfter;

    public IdempotencyKeys(JdbcClient jdbc, JdbcTemplate batches, GroupCommit groupCommit,
                           ObjectProvider<RequestMappingHandlerMapping> handlers, long maxBody, Duration ttl,
                           Duration wait, Duration abandonAfter) {
        this.jdbc = jdbc;
        this.handlers = handlers;
        this.batches = batches;
        this.groupCommit = groupCommit;
        this.maxBody = maxBody;
        this.ttl = ttl;
        this.wait = wait;
        this.abandonAfter = abandonAfter;
    }

    record Stored(String requestHash, Integer status, String contentType, String location, byte[] body) {
    }

    /**
     * A key while its request executes. {@code grouped}: the handler writes through a group commit and no claim row
     * was inserted (the answer is inserted with the changes); {@code unit} is set once the handler runs.
     */
    static final class Claim {
        final String principal;
        final String key;
        final String method;
        final String path;
        final String hash;
        final boolean grouped;
        GroupCommit.Unit unit;

        Claim(String principal, String key, HttpServletRequest request, String hash, boolean grouped) {
            this.principal = principal;
            this.key = key;
            this.method = request.getMethod();
            this.path = request.getRequestURI();
            this.hash = hash;
            this.grouped = grouped;
        }

        GroupCommit.Unit takeUnit() {
            GroupCommit.Unit u = unit;
            unit = null;
            return u;
        }
    }

    /** A stored answer, as {@link #insertAll} writes it. */
    private record Answer(int status, String contentType, String location, byte[] body, Claim claim) {
    }

    /**
     * Opens the group commit unit of a claimed request whose handler is marked {@link IdempotentWithItsAnswer}, right
     * before the handler (after every other interceptor, the permission check included); the filter commits it.
     */
    public HandlerInterceptor groupCommits() {
        return new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if (request.getAttribute(CLAIM) instanceof Claim claim && claim.grouped && claim.unit == null
                        && groupCommitted(handler)) {
                    claim.unit = groupCommit.open();
                }
                return true;
            }
        };
    }

    private static boolean groupCommitted(Object handler) {
        return handler instanceof HandlerMethod method && method.hasMethodAnnotation(IdempotentWithItsAnswer.class);
    }

    /** Whether the request goes to a handler marked {@link IdempotentWithItsAnswer} (looked up before it runs). */
    private boolean groupCommitted(HttpServletRequest request) {
        // The mapping matches on the parsed path, which the dispatcher parses (and removes) itself: as it does here.
        Object parsed = request.getAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
        if (parsed == null) ServletRequestPathUtils.parseAndCache(request);
        try {
            HandlerExecutionChain handler = handlers.getObject().getHandler(request);
            return handler != null && groupCommitted(handler.getHandler());
        } catch (Exception e) {
            log.debug("No handler found before dispatch for {}", request.getRequestURI(), e);
            return false; // the dispatcher answers as it would without a key
        } finally {
            if (parsed == null) ServletRequestPathUtils.clearParsedRequestPath(request);
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod())
                || !request.getRequestURI().startsWith(request.getContextPath() + "/api/v1/")
                || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String principal = principal();
        if (principal == null) {
            chain.doFilter(request, response);
            return;
        }
        String key = request.getHeader(HEADER).trim();
        if (key.isEmpty() || key.length() > MAX_KEY || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            FilterProblems.write(response, 400, "Invalid input",
                    "Idempotency-Key phải gồm 1–200 ký tự ASCII in được (Idempotency-Key must be 1-200 printable ASCII characters).");
            return;
        }
        byte[] body;
        try {
            body = readAtMost(request.getInputStream(), maxBody);
        } catch (ContentTooLargeException e) {
            FilterProblems.write(response, 413, "Content too large",
                    "Nội dung vượt quá " + (maxBody / 1024) + " KB (request body too large).");
            return;
        }
        String hash = requestHash(request, body);
        boolean grouped = groupCommitted(request);
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<Stored> stored;
            if (grouped) {
                // No claim row: the answer is inserted with the changes, and of two concurrent requests with one key
                // only the first to commit keeps its changes (the other's group commit fails on the key; it replays).
                stored = find(principal, key);
                if (stored.isEmpty()) {
                    execute(new Claim(principal, key, request, hash, true), new CachedBody(request, body), response,
                            chain);
                    return;
                }
            } else {
                if (claim(principal, key, request, hash)) {
                    execute(new Claim(principal, key, request, hash, false), new CachedBody(request, body), response,
                            chain);
                    return;
                }
                stored = find(principal, key);
            }
            if (stored.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    FilterProblems.write(response, 409, "Request in progress",
                            "Yêu cầu với Idempotency-Key này đang được xử lý; thử lại sau (try again later).");
                    return;
                }
                continue; // released or expired between our insert and read: claim again
            }
            Stored s = stored.get();
            if (!s.requestHash().trim().equals(hash)) {
                FilterProblems.write(response, 422, "Idempotency key reused",
                        "Idempotency-Key này đã được dùng cho một yêu cầu khác (the key was used with a different request).");
                return;
            }
            if (s.status() != null) {
                replay(s, response);
                return;
            }
            if (System.nanoTime() > deadline) {
                FilterProblems.write(response, 409, "Request in progress",
                        "Yêu cầu với Idempotency-Key này đang được xử lý; thử lại sau (a request with this key is still in progress).");
                return;
            }
            sleep();
        }
    }

    private void execute(Claim claim, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
        request.setAttribute(CLAIM, claim);
        boolean stored = false;
        try {
            chain.doFilter(request, wrapper);
            int status = wrapper.getStatus();
            boolean success = status >= 200 && status < 300;
            boolean storable = success || (status >= 400 && status < 500);
            GroupCommit.Unit unit = claim.takeUnit();
            if (unit != null && success) {
                stored = commitWithAnswer(claim, wrapper, unit);
            } else {
                if (unit != null) groupCommit.discard(unit); // not a 2xx: its changes are dropped, as by a rollback
                if (storable) {
                    if (claim.grouped) {
                        insertAll(List.of(answerOf(claim, wrapper)), false);
                    } else {
                        store(claim, wrapper);
                    }
                    stored = true;
                }
            }
        } finally {
            GroupCommit.Unit left = claim.takeUnit();
            if (left != null) groupCommit.discard(left);
            if (!stored && !claim.grouped) {
                release(claim.principal, claim.key);
            }
            wrapper.copyBodyToResponse();
        }
    }

    /**
     * The handler's changes and the answer in one group commit. When they could not be committed: the answer of a
     * concurrent request with the same key that committed first is replayed (422 if it was another request), else 503.
     */
    private boolean commitWithAnswer(Claim claim, ContentCachingResponseWrapper wrapper, GroupCommit.Unit unit)
            throws IOException {
        GroupCommit.write(newAnswers, answerOf(claim, wrapper));
        try {
            groupCommit.commit(unit);
            return true;
        } catch (GroupCommit.NotCommitted e) {
            Optional<Stored> first = find(claim.principal, claim.key);
            if (first.isPresent() && first.get().status() != null) {
                wrapper.reset();
                if (first.get().requestHash().trim().equals(claim.hash)) {
                    replay(first.get(), wrapper);
                } else {
                    FilterProblems.write(wrapper, 422, "Idempotency key reused",
                            "Idempotency-Key này đã được dùng cho một yêu cầu khác (the key was used with a different request).");
                }
                return true;
            }
            log.warn("Changes of an idempotent request did not commit; answered 503, nothing stored", e);
            notCommitted(wrapper);
            return false;
        }
    }

    private static void notCommitted(ContentCachingResponseWrapper wrapper) throws IOException {
        wrapper.reset();
        FilterProblems.write(wrapper, 503, "Not committed",
                "Không lưu được yêu cầu; hãy gửi lại với cùng Idempotency-Key (not saved; retry with the same key).");
    }

    /** The answer of a claimed key, into its claim row. */
    private void store(Claim claim, ContentCachingResponseWrapper wrapper) {
        jdbc.sql("""
                        UPDATE idempotent_request SET status = ?, content_type = ?, location = ?, body = ?
                        WHERE principal = ? AND key = ?""")
                .params(wrapper.getStatus(), wrapper.getContentType(), wrapper.getHeader("Location"),
                        wrapper.getContentAsByteArray(), claim.principal, claim.key)
                .update();
    }

    private static Answer answerOf(Claim claim, ContentCachingResponseWrapper wrapper) {
        return new Answer(wrapper.getStatus(), wrapper.getContentType(), wrapper.getHeader("Location"),
                wrapper.getContentAsByteArray(), claim);
    }


    /**
     * Answers of keys that had no claim row (group-committed handlers): one JDBC batch. An expired entry of the key is
     * replaced; a live one stays, and then, when {@code exclusive}, the batch fails: the changes written with the
     * answer must not commit, since another request with the key has committed its own.
     */
    private void insertAll(List<Answer> answers, boolean exclusive) {
        int[] inserted = batches.batchUpdate("""
                        INSERT INTO idempotent_request (key, principal, method, path, request_hash, status,
                                                        content_type, location, body)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (principal, key) DO UPDATE
                            SET method = EXCLUDED.method, path = EXCLUDED.path, request_hash = EXCLUDED.request_hash,
                                status = EXCLUDED.status, content_type = EXCLUDED.content_type,
                                location = EXCLUDED.location, body = EXCLUDED.body, created_at = now()
                            WHERE idempotent_request.created_at < now() - make_interval(secs => ?)""",
                answers.stream().map(a -> new Object[]{a.claim().key, a.claim().principal, a.claim().method,
                        a.claim().path, a.claim().hash, a.status(), a.contentType(), a.location(), a.body(),
                        (double) ttl.toSeconds()}).toList());
        if (exclusive && Arrays.stream(inserted).anyMatch(n -> n == 0)) {
            throw new DuplicateKeyException(
                    "an answer for this Idempotency-Key was stored by another request meanwhile");
        }
    }

    private void release(String principal, String key) {
        try {
            jdbc.sql("DELETE FROM idempotent_request WHERE principal = ? AND key = ? AND status IS NULL")
                    .params(principal, key).update();
        } catch (RuntimeException e) {
            log.warn("Could not release idempotency key claim; it expires after {}", abandonAfter, e);
        }
    }

    private static void replay(Stored s, HttpServletResponse response) throws IOException {
        response.setStatus(s.status());
        if (s.contentType() != null) {
            response.setContentType(s.contentType());
        }
        if (s.location() != null) {
            response.setHeader("Location", s.location());
        }
        response.setHeader(REPLAYED, "true");
        byte[] body = s.body() == null ? new byte[0] : s.body();
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    /** The statement of {@link #claim}. */
    private static final String INSERT_CLAIM = """
                INSERT INTO idempotent_request (key, principal, method, path, request_hash)
                SELECT :key, :principal, :method, :path, :hash
                FROM %s
                ON CONFLICT (principal, key) DO UPDATE
                    SET method = EXCLUDED.method, path = EXCLUDED.path, request_hash = EXCLUDED.request_hash,
                        status = NULL, content_type = NULL, location = NULL, body = NULL, created_at = now()
                    WHERE idempotent_request.created_at < now() - make_interval(secs => :ttl)
                       OR (idempotent_request.status IS NULL
                           AND idempotent_request.created_at < now() - make_interval(secs => :abandon))
                RETURNING 1""".formatted(AsynchronousCommit.ROW);

    /**
     * Inserts the claim; an existing row is taken over only when expired or abandoned. True when ours.
     * <p>
     * The claim commits without waiting for the disk ({@link AsynchronousCommit}): whatever the handler then commits
     * flushes the WAL up to its own commit, and with it the earlier claim, so a claim is lost in a crash only together
     * with everything it guarded. Saves one disk flush per POST.
     */
    boolean claim(String principal, String key, HttpServletRequest request, String hash) {
        return jdbc.sql(INSERT_CLAIM)
                .param("key", key).param("principal", principal).param("method", request.getMethod())
                .param("path", request.getRequestURI()).param("hash", hash)
                .param("ttl", (double) ttl.toSeconds()).param("abandon", (double) abandonAfter.toSeconds())
                .query(Integer.class).optional().isPresent();
    }

    private Optional<Stored> find(String principal, String key) {
        return jdbc.sql("""
                        SELECT request_hash, status, content_type, location, body FROM idempotent_request
                        WHERE principal = ? AND key = ? AND created_at >= now() - make_interval(secs => ?)""")
                .params(principal, key, (double) ttl.toSeconds())
                .query((rs, i) -> new Stored(rs.getString(1), (Integer) rs.getObject(2), rs.getString(3),
                        rs.getString(4), rs.getBytes(5)))
                .optional();
    }

    /** Removes expired entries; safe to run on every instance at once. */
    public int deleteExpired() {
        return jdbc.sql("DELETE FROM idempotent_request WHERE created_at < now() - make_interval(secs => ?)")
                .param((double) ttl.toSeconds()).update();
    }

    private static String principal() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            return null;
        }
        if (auth.getPrincipal() instanceof CurrentUser user) {
            return "user:" + user.id().value();
        }
        return "anonymousUser".equals(auth.getPrincipal()) ? null : "name:" + auth.getName();
    }

    static String requestHash(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String head = request.getMethod() + ' ' + request.getRequestURI() + '?'
                    + (request.getQueryString() == null ? "" : request.getQueryString()) + '\n'
                    + (request.getContentType() == null ? "" : request.getContentType()) + '\n';
            digest.update(head.getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readAtMost(InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            out.write(buffer, 0, n);
            if (out.size() > max) {
                throw new ContentTooLargeException(max);
            }
        }
        return out.toByteArray();
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The request with its already-read body available again. */
    static final class CachedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String enc = getCharacterEncoding();
            Charset charset = enc == null ? StandardCharsets.UTF_8 : Charset.forName(enc);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
