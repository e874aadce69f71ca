-- 1,000,000 incidents for the incident list and coordinator board benchmark (issue 4 §5), set-based and
-- deterministic, on top of scripts/bench-incidents-seed.sql. Five years of notices against the seeded systems (one in
-- five against an asset named by hand), with their recipients (owner, IR unit of the owner's province or ministry,
-- national coordinator, the hosting provider when there is one) and clocks (notice, initial report when beyond
-- capacity, one acknowledgement per recipient, final report once the response ended). A notice is open with a
-- chance of 60 % on its first day, falling to 1.5 % after two months (cases never closed): about 2.5 % open in all,
-- spread over the states; a third of the RECEIVED ones still lack acknowledgements, so some clocks are past due.
-- References are SC-<year>-B<7 digits> so that they never collide with the live counter.
\set ON_ERROR_STOP on
\timing on
SELECT setseed(0.4);
-- Bulk load: the generated rows reference only seeded rows, so skip the per-row foreign-key triggers (superuser).
SET session_replication_role = replica;

CREATE TEMP TABLE bi_sys AS
SELECT row_number() OVER (ORDER BY s.code) - 1 AS n, s.id, s.owner_id, s.operator_id, s.hosting_provider_id,
       s.approved_level, coalesce(r.agency_id, s.owner_id) AS ir_unit
FROM information_system s
JOIN agency o ON o.id = s.owner_id
LEFT JOIN LATERAL (SELECT rr.agency_id FROM agency f JOIN agency_role rr ON rr.for_agency_id = f.id
                   WHERE o.path LIKE f.path || '%' AND rr.role = 'IR_UNIT' ORDER BY f.depth DESC LIMIT 1) r ON true
WHERE s.code LIKE 'BI-S%';
CREATE UNIQUE INDEX ON bi_sys (n);
ANALYZE bi_sys;
SELECT count(*) AS systems FROM bi_sys \gset
CREATE TEMP TABLE bi_coord AS SELECT agency_id AS id FROM agency_role WHERE role = 'NATIONAL_COORDINATOR' LIMIT 1;

CREATE TEMP TABLE bi_inc AS
SELECT i, md5('BI-I' || i)::uuid AS id, s.id AS system_id, s.owner_id, s.operator_id, s.hosting_provider_id,
       s.ir_unit, s.approved_level, by_asset,
       reported, reported - (5 + (h % 600)) * INTERVAL '1 minute' - CASE WHEN h % 29 = 0 THEN INTERVAL '6 days'
           ELSE INTERVAL '0' END AS detected,
       (ARRAY['intrusions/system-compromise', 'intrusion-attempts/brute-force', 'availability/ddos',
              'malicious-code/infected-system', 'fraud/phishing', 'information-gathering/scanner',
              'intrusions/application-compromise', 'availability/dos', 'vulnerable/vulnerable-system',
              'malicious-code/c2-server', 'intrusion-attempts/exploit', 'other/other'])[1 + h % 12] AS category,
       (ARRAY['CLEAR', 'GREEN', 'GREEN', 'AMBER', 'AMBER', 'AMBER', 'AMBER_STRICT', 'RED'])[1 + (h / 12) % 8] AS tlp,
       (h / 96) % 10 = 0 AS beyond,
       CASE WHEN (h / 960) % 1000 >= greatest(15, 600 - 10 * age_days) THEN 'CLOSED'
            ELSE (ARRAY['RECEIVED', 'VERIFIED', 'CLASSIFIED', 'RESPONDING', 'CONTAINED', 'ERADICATED',
                        'RECOVERED'])[1 + (h / 7) % 7] END AS state,
       CASE WHEN s.approved_level >= 4 AND h % 5 = 0 THEN 'SERIOUS' ELSE 'NORMAL' END AS proposed,
       h
FROM (SELECT i, abs(hashtext('BI-I' || i)) AS h,
             now() - (i * INTERVAL '1 second' * 157) - (abs(hashtext('x' || i)) % 157) * INTERVAL '1 second' AS reported,
             (i * 157) / 86400 AS age_days,
             i % 5 = 0 AS by_asset
      FROM generate_series(1, 1000000) i) g
JOIN bi_sys s ON s.n = g.h % :systems;

INSERT INTO incident (id, reference, title, description, system_id, affected_asset, owner_id, operator_id,
                      reporter_agency_id, reporter_name, reporter_title, reporter_email, detected_at, reported_at,
                      category, beyond_capacity, tlp, results_so_far, state, severity, proposed_severity,
                      impacts, emergency_plan, severity_decided_by, severity_decided_at, response_ended_at, closed_at)
SELECT id, 'SC-' || extract(year FROM reported AT TIME ZONE 'Asia/Ho_Chi_Minh') || '-B' || lpad(i::text, 7, '0'),
       (ARRAY['Tấn công từ chối dịch vụ vào cổng thông tin', 'Thay đổi giao diện trang chủ',
              'Mã độc mã hóa dữ liệu trên máy chủ tệp', 'Dò quét mật khẩu tài khoản quản trị',
              'Thư điện tử giả mạo lãnh đạo đơn vị', 'Máy trạm kết nối tới máy chủ điều khiển mã độc',
              'Khai thác lỗ hổng trên ứng dụng dịch vụ công', 'Truy cập trái phép cơ sở dữ liệu'])[1 + h % 8]
           || ' #' || i,
       'Phát hiện qua hệ thống giám sát; đã cô lập máy chủ bị ảnh hưởng, đang thu thập nhật ký để phân tích.',
       CASE WHEN by_asset THEN NULL ELSE system_id END,
       CASE WHEN by_asset THEN 'cong' || i || '.example.gov.vn' END,
       owner_id, operator_id, owner_id, 'Nguyễn Văn An', 'Chuyên viên an toàn thông tin', 'attt@example.gov.vn',
       detected, reported, category, beyond, tlp, 'Đã chặn địa chỉ nguồn trên tường lửa.',
       state,
       CASE WHEN state NOT IN ('RECEIVED', 'VERIFIED') THEN proposed END, proposed,
       CASE WHEN proposed = 'SERIOUS' THEN ARRAY['SERVICE_DISRUPTION']::varchar[] ELSE '{}' END,
       CASE WHEN state NOT IN ('RECEIVED', 'VERIFIED') THEN CASE WHEN proposed = 'SERIOUS' THEN 'NATIONAL' ELSE 'LOCAL' END END,
       CASE WHEN state NOT IN ('RECEIVED', 'VERIFIED') THEN 'Điều phối viên quốc gia' END,
       CASE WHEN state NOT IN ('RECEIVED', 'VERIFIED') THEN reported + INTERVAL '3 hours' END,
       CASE WHEN state IN ('RECOVERED', 'CLOSED') THEN reported + INTERVAL '2 days' END,
       CASE WHEN state = 'CLOSED' THEN reported + INTERVAL '6 days' END
FROM bi_inc;

-- Recipients: owner, IR unit, coordinator, hosting provider (one entry per agency, like IncidentRouting.combine).
INSERT INTO incident_recipient (incident_id, agency_id, role, delivered_at, acknowledged_at, acknowledged_by)
SELECT DISTINCT ON (x.id, x.agency) x.id, x.agency, x.role, x.reported,
       CASE WHEN x.state <> 'RECEIVED' OR x.h % 3 <> 0 THEN x.reported + (1 + x.h % 240) * INTERVAL '1 minute' END,
       CASE WHEN x.state <> 'RECEIVED' OR x.h % 3 <> 0 THEN 'Cán bộ tiếp nhận' END
FROM (SELECT b.id, b.state, b.h, b.reported, r.agency, r.role, r.ord
      FROM bi_inc b, bi_coord c,
      LATERAL (VALUES (b.owner_id, 'SYSTEM_OWNER', 1), (b.ir_unit, 'IR_UNIT', 2),
                      (c.id, 'NATIONAL_COORDINATOR', 3), (b.hosting_provider_id, 'NETWORK_MEMBER', 4)) r(agency, role, ord)
      WHERE r.agency IS NOT NULL) x
ORDER BY x.id, x.agency, x.ord;

-- Clocks: the notice, the initial report (beyond capacity), acknowledgements, the final report.
INSERT INTO incident_deadline (id, incident_id, kind, agency_id, due_at, satisfied_at, legal_basis)
SELECT md5('BI-DN' || i)::uuid, id, 'NOTICE', NULL, detected + INTERVAL '5 days', reported,
       'Thông tư 20/2017/TT-BTTTT Điều 9.2.a; Quyết định 05/2017/QĐ-TTg Điều 11.1.a'
FROM bi_inc;
INSERT INTO incident_deadline (id, incident_id, kind, agency_id, due_at, satisfied_at, legal_basis)
SELECT md5('BI-DI' || i)::uuid, id, 'INITIAL_REPORT', NULL, reported + INTERVAL '2 hours',
       CASE WHEN state <> 'RECEIVED' THEN reported + INTERVAL '90 minutes' END, 'Thông tư 20/2017/TT-BTTTT Điều 9.2.b'
FROM bi_inc WHERE beyond;
INSERT INTO incident_deadline (id, incident_id, kind, agency_id, due_at, satisfied_at, legal_basis)
SELECT md5('BI-DA' || r.incident_id || r.agency_id)::uuid, r.incident_id, 'ACKNOWLEDGEMENT', r.agency_id,
       r.delivered_at + INTERVAL '2 hours', r.acknowledged_at, 'Quyết định 05/2017/QĐ-TTg Điều 12.1.c'
FROM incident_recipient r JOIN bi_inc b ON b.id = r.incident_id;
INSERT INTO incident_deadline (id, incident_id, kind, agency_id, due_at, satisfied_at, legal_basis)
SELECT md5('BI-DF' || i)::uuid, id, 'FINAL_REPORT', NULL, reported + INTERVAL '7 days',
       CASE WHEN state = 'CLOSED' THEN reported + INTERVAL '6 days' END, 'Thông tư 20/2017/TT-BTTTT Điều 9.2.b'
FROM bi_inc WHERE state IN ('RECOVERED', 'CLOSED');

-- The ancestors of the parties (V113, kept by triggers, which session_replication_role = replica switched off).
SELECT to_regclass('incident_agency') IS NOT NULL AS has_incident_agency \gset
\if :has_incident_agency
INSERT INTO incident_agency (ancestor_id, reported_at, incident_id)
SELECT DISTINCT anc::uuid, p.reported, p.id
FROM (SELECT b.id, b.reported, x.agency_id
      FROM bi_inc b CROSS JOIN LATERAL (VALUES (b.owner_id), (b.operator_id)) x(agency_id)
      UNION
      SELECT b.id, b.reported, r.agency_id FROM incident_recipient r JOIN bi_inc b ON b.id = r.incident_id) p
JOIN agency a ON a.id = p.agency_id
CROSS JOIN LATERAL unnest(string_to_array(trim(BOTH '/' FROM a.path), '/')) anc;
\endif

SET session_replication_role = DEFAULT;
SELECT count(*) AS incidents, count(*) FILTER (WHERE state <> 'CLOSED') AS open,
       count(*) FILTER (WHERE tlp = 'RED') AS red FROM incident;
SELECT count(*) AS open_clocks_past_due FROM incident_deadline WHERE satisfied_at IS NULL AND due_at < now();
