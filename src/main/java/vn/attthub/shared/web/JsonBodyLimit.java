package vn.attthub.shared.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Refuses JSON request bodies larger than the limit (1 MB by default, {@code attt.web.max-json-body}) with
 * 413 problem+json. A declared {@code Content-Length} over the limit is refused before a byte is read; a chunked
 * body is read through a counting stream that fails as soon as it passes the limit, so no oversized body is ever
 * buffered or parsed. Uploads (multipart) have their own limits.
 */
public class JsonBodyLimit extends OncePerRequestFilter {
    private final long limit;

    public JsonBodyLimit(long limit) {
        this.limit = limit;
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String ct = contentType.toLowerCase(Locale.ROOT);
        int semi = ct.indexOf(';');
        String mediaType = (semi >= 0 ? ct.substring(0, semi) : ct).trim();
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isJson(request.getContentType())) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > limit) {
            tooLarge(response);
            return;
        }
        try {
            chain.doFilter(new Bounded(request, limit), response);
        } catch (ContentTooLargeException e) {
            if (!response.isCommitted()) {
                tooLarge(response);
            }
        } catch (ServletException e) {
            if (causedByTooLarge(e) && !response.isCommitted()) {
                tooLarge(response);
            } else {
                throw e;
            }
        }
    }

    private static boolean causedByTooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ContentTooLargeException) {
                return true;
            }
        }
        return false;
    }

    private void tooLarge(HttpServletResponse response) throws IOException {
        FilterProblems.write(response, 413, "Content too large",
                "Nội dung JSON vượt quá " + (limit / 1024) + " KB (request body too large).");
    }

    /** The request with a body stream that stops at the limit. */
    static final class Bounded extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String enc = getCharacterEncoding();
            Charset charset = enc == null ? StandardCharsets.UTF_8 : Charset.forName(enc);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    static final class CountingStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long count;

        CountingStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        private void add(long n) {
            if (n > 0) {
                count += n;
                if (count > limit) {
                    throw new ContentTooLargeException(limit);
                }
            }
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) add(1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            add(n);
            return n;
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
