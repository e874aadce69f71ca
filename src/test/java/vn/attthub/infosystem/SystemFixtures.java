package vn.attthub.infosystem;

import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.attthub.TestCallers;
import vn.attthub.shared.Role;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A province (holding SYSTEM_OWNER, Decree 85/2016 Art 3.1) with a department that is its security unit (Art 3.5),
 * callers with roles there, and a JSON client for the systems API.
 */
final class SystemFixtures {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    final JdbcClient jdbc;
    final int port;
    final TestCallers callers;
    final TestCallers.Agency province;
    final TestCallers.Agency department;

    SystemFixtures(JdbcClient jdbc, int port) {
        this.jdbc = jdbc;
        this.port = port;
        this.callers = new TestCallers(jdbc, port);
        this.province = callers.agency(callers.root(), "PROVINCE", "Tỉnh kiểm thử");
        this.department = callers.agency(province, "DEPARTMENT", "Sở Khoa học và Công nghệ (kiểm thử)");
        role(province.id(), "SYSTEM_OWNER", null);
        role(department.id(), "SECURITY_UNIT", province.id());
    }

    void role(UUID agency, String role, UUID forAgency) {
        jdbc.sql("INSERT INTO agency_role (id, agency_id, role, for_agency_id, valid_from, legal_basis) "
                        + "VALUES (?, ?, ?, ?, DATE '2020-01-01', 'Nghị định 85/2016/NĐ-CP Điều 3')")
                .params(UUID.randomUUID(), agency, role, forAgency).update();
    }

    Client as(TestCallers.Agency agency, Role role) {
        return new Client(port, callers.caller(agency, role).token());
    }

    static String code() {
        return "HT-T" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    /** A valid request body; {@code extra} is spliced in as further JSON members. */
    String body(String code, UUID owner, UUID operator, String extra) {
        return """
                {"code":"%s","name":"Cổng dịch vụ công tỉnh kiểm thử","description":"Cổng một cửa điện tử",
                 "ownerId":"%s","operatorId":"%s","systemType":"CITIZEN_BUSINESS_SERVICE",
                 "informationTypes":["PUBLIC","PERSONAL"],
                 "levelInputs":{"onlinePublicServiceLevel":4,"personalDataSubjects":12000,
                                "infrastructureScope":"PROVINCE","operates24x7":true},
                 "lifecycle":"OPERATING","goLiveDate":"2025-07-01","hosting":"DATA_CENTRE",
                 "hostingProviderName":"Trung tâm dữ liệu tỉnh",
                 "domains":["dichvucong.kiemthu.gov.vn","Cổng.kiemthu.gov.vn"],
                 "publicIpRanges":["203.0.113.16/28","2001:db8:10::/48"]%s}"""
                .formatted(code, owner, operator, extra == null ? "" : "," + extra);
    }

    record Response(int status, HttpHeaders headers, byte[] bytes) {
        String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            return JSON.readTree(body());
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    static final class Client {
        final int port;
        final String token;

        Client(int port, String token) {
            this.port = port;
            this.token = token;
        }

        HttpRequest.Builder request(String path) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
            if (token != null) b.header("Authorization", "Bearer " + token);
            return b;
        }

        Response send(HttpRequest.Builder b) {
            try {
                HttpResponse<byte[]> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
                return new Response(r.statusCode(), r.headers(), r.body());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        Response get(String path) {
            return send(request(path).GET());
        }

        Response post(String path, String json) {
            return send(request(path).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)));
        }

        Response put(String path, String json, String ifMatch) {
            HttpRequest.Builder b = request(path).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(json));
            if (ifMatch != null) b.header("If-Match", ifMatch);
            return send(b);
        }

        Response upload(String path, String filename, byte[] content) {
            String boundary = "----attt" + UUID.randomUUID();
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] body = new byte[head.length + content.length + tail.length];
            System.arraycopy(head, 0, body, 0, head.length);
            System.arraycopy(content, 0, body, head.length, content.length);
            System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
            return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        }

        /** Creates a system and returns its JSON (fails the test otherwise). */
        JsonNode create(String json) {
            Response r = post("/api/v1/systems", json);
            if (r.status() != 201) throw new AssertionError("create -> " + r.status() + " " + r.body());
            return r.json();
        }
    }
}
