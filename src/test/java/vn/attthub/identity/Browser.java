package vn.attthub.identity;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A cookie-keeping HTTP client that behaves like a browser on our pages: CSRF tokens, no automatic redirects. */
class Browser {
    /** What a real browser asks for, so that error responses come as pages. */
    static final String HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*?(?:value|content)=\"([^\"]+)\"");
    final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    final String base;
    String csrf;

    Browser(int port) {
        this.base = "http://localhost:" + port;
    }

    HttpResponse<String> get(String pathOrUrl) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(pathOrUrl)).header("Accept", HTML).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = CSRF.matcher(r.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return r;
    }

    /** Posts a form, with the CSRF token of a page fetched first ({@code csrfPage}). */
    HttpResponse<String> post(String path, Map<String, String> form, String csrfPage) throws Exception {
        get(csrfPage);
        Map<String, String> all = new LinkedHashMap<>(form);
        all.put("_csrf", csrf);
        String body = all.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(path)).header("Accept", HTML)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = CSRF.matcher(r.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return r;
    }

    HttpResponse<String> login(String username, String password) throws Exception {
        return post("/login", Map.of("username", username, "password", password), "/login");
    }

    HttpResponse<String> logout() throws Exception {
        return post("/logout", Map.of(), "/login");
    }

    /** Follows redirects (any host) and returns the final response. */
    HttpResponse<String> follow(HttpResponse<String> r) throws Exception {
        int hops = 0;
        while (r.statusCode() / 100 == 3 && hops++ < 10) {
            String location = r.headers().firstValue("Location").orElseThrow();
            r = get(r.uri().resolve(location).toString());
        }
        return r;
    }

    static String location(HttpResponse<String> r) {
        return r.headers().firstValue("Location").map(l -> URI.create(l).getPath()
                + (URI.create(l).getQuery() == null ? "" : "?" + URI.create(l).getQuery())).orElse(null);
    }

    String sessionCookie() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("SESSION"))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    HttpResponse<String> api(String method, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
