package vn.attthub.shared.web;

import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Writes an RFC 9457 problem from a servlet filter, where no controller advice runs. */
final class FilterProblems {
    private FilterProblems() {
    }

    static void write(HttpServletResponse response, int status, String title, String detail) throws IOException {
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(ApiProblems.PROBLEM_JSON.toString());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"type\":\"https://attt-hub.vn/problems/" + title.toLowerCase().replace(' ', '-')
                + "\",\"title\":\"" + escape(title) + "\",\"status\":" + status + ",\"detail\":\"" + escape(detail)
                + "\"}");
        response.flushBuffer();
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.toString();
    }
}
