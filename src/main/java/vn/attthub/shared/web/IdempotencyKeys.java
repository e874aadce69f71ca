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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.util.ContentCachingResponseWrapper;
import vn.attthub.shared.AsynchronousCommit;
import vn.attthub.shared.CurrentUser;

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
import java.util.HexFormat;
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
 * For a handler marked {@link IdempotentWithItsAnswer}, {@link #transactions()} opens the transaction just before
 * the handler runs, the handler's services join it, and the answer is stored in it before the one commit. A 2xx whose
 * changes cannot commit is answered 503 and its claim released, so a retry executes it again.
 */
public class IdempotencyKeys extends OncePerRequestFilter {
    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);
    private static final int MAX_KEY = 200;

    /** Request attribute: the {@link Claim} of the request being executed. */
    static final String CLAIM = IdempotencyKeys.class.getName() + ".claim";

    private final JdbcClient jdbc;
    private final PlatformTransactionManager transactionManager;
    private final long maxBody;
    private final Duration ttl;
    private final Duration wait;
    private final Duration abandonAfter;

    public IdempotencyKeys(JdbcClient jdbc, PlatformTransactionManager transactionManager, long maxBody, Duration ttl,
                           Duration wait, Duration abandonAfter) {
        this.jdbc = jdbc;
        this.transactionManager = transactionManager;
        this.maxBody = maxBody;
        this.ttl = ttl;
        this.wait = wait;
        this.abandonAfter = abandonAfter;
    }

    record Stored(String requestHash, Integer status, String contentType, String location, byte[] body) {
    }

    /** A claimed key while its request executes; {@code transaction} is set when the handler runs in one with it. */
    static final class Claim {
        final String principal;
        final String key;
        TransactionStatus transaction;

        Claim(String principal, String key) {
            this.principal = principal;
            this.key = key;
        }

        TransactionStatus takeTransaction() {
            TransactionStatus t = transaction;
            transaction = null;
            return t;
        }
    }

    /**
     * Opens the transaction of a claimed request whose handler is marked {@link IdempotentWithItsAnswer}, right
     * before the handler (after every other interceptor, the permission check included); the filter ends it.
     */
    public HandlerInterceptor transactions() {
        return new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if (handler instanceof HandlerMethod method && method.hasMethodAnnotation(IdempotentWithItsAnswer.class)
                        && request.getAttribute(CLAIM) instanceof Claim claim && claim.transaction == null) {
                    claim.transaction = transactionManager.getTransaction(TransactionDefinition.withDefaults());
                }
                return true;
            }
        };
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
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            if (claim(principal, key, request, hash)) {
                execute(new Claim(principal, key), new CachedBody(request, body), response, chain);
                return;
            }
            Optional<Stored> stored = find(principal, key);
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
            TransactionStatus transaction = claim.takeTransaction();
            if (transaction == null) {
                if (storable) {
                    store(claim, wrapper);
                    stored = true;
                }
            } else if (success && !transaction.isRollbackOnly()) {
                stored = storeAndCommit(claim, wrapper, transaction);
            } else {
                transactionManager.rollback(transaction);
                if (success) {
                    notCommitted(wrapper); // a 2xx whose changes were rolled back must not reach the client
                } else if (storable) {
                    store(claim, wrapper); // a 4xx: nothing was changed, the answer is kept as always
                    stored = true;
                }
            }
        } finally {
            TransactionStatus left = claim.takeTransaction();
            if (left != null && !left.isCompleted()) {
                transactionManager.rollback(left);
            }
            if (!stored) {
                release(claim.principal, claim.key);
            }
            wrapper.copyBodyToResponse();
        }
    }

    private boolean storeAndCommit(Claim claim, ContentCachingResponseWrapper wrapper, TransactionStatus transaction)
            throws IOException {
        try {
            store(claim, wrapper);
        } catch (RuntimeException e) {
            transactionManager.rollback(transaction);
            throw e;
        }
        try {
            transactionManager.commit(transaction);
            return true;
        } catch (RuntimeException e) { // a TransactionException, or a DataAccessException from a deferred constraint
            log.warn("Changes of an idempotent request did not commit; answered 503 and released its key", e);
            notCommitted(wrapper);
            return false;
        }
    }

    private static void notCommitted(ContentCachingResponseWrapper wrapper) throws IOException {
        wrapper.reset();
        FilterProblems.write(wrapper, 503, "Not committed",
                "Không lưu được yêu cầu; hãy gửi lại với cùng Idempotency-Key (not saved; retry with the same key).");
    }

    private void store(Claim claim, ContentCachingResponseWrapper wrapper) {
        jdbc.sql("""
                        UPDATE idempotent_request SET status = ?, content_type = ?, location = ?, body = ?
                        WHERE principal = ? AND key = ?""")
                .params(wrapper.getStatus(), wrapper.getContentType(), wrapper.getHeader("Location"),
                        wrapper.getContentAsByteArray(), claim.principal, claim.key)
                .update();
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
