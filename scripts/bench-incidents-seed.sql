-- Reference data for the incident intake benchmark (issue 4 §5), set-based and deterministic. Run by
-- scripts/bench-incidents.sh with psql against a database that the application has migrated (root agency created).
-- Produces under the root: 34 provincial-level units and 22 ministries/government agencies, 19 departments per
-- province and 25 per ministry, one state enterprise (hosting provider) per ministry: 1,275 agencies with the root.
-- Legal roles on the day: the national coordinator (QD05 Art 7.3), an incident-response unit for every province and
-- ministry (QD05 Art 6), the enterprises as service providers (QD05 Art 7.4). 20,000 information systems owned by the
-- departments (levels 1-5, one in ten hosted by an enterprise), two users and a security focal point and 24/7 contact
-- per agency, so that each notice queues in-app and e-mail deliveries. Every generated code starts with "BI-".
\set ON_ERROR_STOP on
\timing on
SELECT setseed(0.2026);

CREATE TEMP TABLE bi_root AS SELECT id, path, depth FROM agency WHERE parent_id IS NULL ORDER BY created_at LIMIT 1;

INSERT INTO agency (id, code, name_vi, kind, parent_id, path, depth, valid_from)
SELECT md5('BI-P' || i)::uuid, 'BI-P' || lpad(i::text, 2, '0'),
       CASE WHEN i <= 6 THEN 'Ủy ban nhân dân thành phố số ' ELSE 'Ủy ban nhân dân tỉnh số ' END || i,
       CASE WHEN i <= 6 THEN 'CITY' ELSE 'PROVINCE' END,
       r.id, r.path || md5('BI-P' || i)::uuid || '/', r.depth + 1, DATE '2025-07-01'
FROM generate_series(1, 34) i, bi_root r;
INSERT INTO agency (id, code, name_vi, kind, parent_id, path, depth, valid_from)
SELECT md5('BI-M' || i)::uuid, 'BI-M' || lpad(i::text, 2, '0'),
       CASE WHEN i <= 17 THEN 'Bộ số ' ELSE 'Cơ quan thuộc Chính phủ số ' END || i,
       CASE WHEN i <= 17 THEN 'MINISTRY' ELSE 'GOVERNMENT_AGENCY' END,
       r.id, r.path || md5('BI-M' || i)::uuid || '/', r.depth + 1, DATE '2025-03-01'
FROM generate_series(1, 22) i, bi_root r;
INSERT INTO agency (id, code, name_vi, kind, parent_id, path, depth, valid_from)
SELECT md5(p.code || '-S' || j)::uuid, p.code || '-S' || lpad(j::text, 2, '0'), d.name || ' ' || p.name_vi,
       'DEPARTMENT', p.id, p.path || md5(p.code || '-S' || j)::uuid || '/', p.depth + 1, DATE '2025-07-01'
FROM agency p
CROSS JOIN LATERAL unnest(ARRAY['Sở Y tế', 'Sở Giáo dục và Đào tạo', 'Sở Tài chính', 'Sở Khoa học và Công nghệ',
        'Sở Nội vụ', 'Sở Tư pháp', 'Sở Công Thương', 'Sở Nông nghiệp và Môi trường', 'Sở Xây dựng',
        'Sở Văn hóa, Thể thao và Du lịch', 'Sở Ngoại vụ', 'Văn phòng', 'Thanh tra', 'Sở Dân tộc và Tôn giáo',
        'Ban Quản lý các khu công nghiệp', 'Trung tâm Phục vụ hành chính công', 'Đài Phát thanh và Truyền hình',
        'Trung tâm Công nghệ thông tin và Truyền thông', 'Quỹ Đầu tư phát triển']) WITH ORDINALITY AS d(name, j)
WHERE p.code ~ '^BI-P[0-9]{2}$';
INSERT INTO agency (id, code, name_vi, kind, parent_id, path, depth, valid_from)
SELECT md5(p.code || '-V' || j)::uuid, p.code || '-V' || lpad(j::text, 2, '0'),
       CASE WHEN j = 1 THEN 'Trung tâm Ứng cứu sự cố' WHEN j % 3 = 0 THEN 'Cục số ' || j ELSE 'Vụ số ' || j END
           || ' - ' || p.name_vi,
       'DEPARTMENT', p.id, p.path || md5(p.code || '-V' || j)::uuid || '/', p.depth + 1, DATE '2025-03-01'
FROM agency p, generate_series(1, 25) j WHERE p.code ~ '^BI-M[0-9]{2}$';
INSERT INTO agency (id, code, name_vi, kind, parent_id, path, depth, valid_from)
SELECT md5(p.code || '-E')::uuid, p.code || '-E', 'Tổng công ty dịch vụ số thuộc ' || p.name_vi,
       'ENTERPRISE', p.id, p.path || md5(p.code || '-E')::uuid || '/', p.depth + 1, DATE '2025-03-01'
FROM agency p WHERE p.code ~ '^BI-M[0-9]{2}$';

-- Roles: the national coordinator is a department of ministry 2 (BI-M02-V03); each province's IT centre (S18) and
-- each ministry's response centre (V01) is its IR unit; enterprises are service providers.
INSERT INTO agency_role (id, agency_id, role, for_agency_id, valid_from, legal_basis)
VALUES (md5('BI-NC')::uuid, md5('BI-M02-V3')::uuid, 'NATIONAL_COORDINATOR', NULL, DATE '2025-03-01',
        'Quyết định 05/2017/QĐ-TTg Điều 7.3');
INSERT INTO agency_role (id, agency_id, role, for_agency_id, valid_from, legal_basis)
SELECT md5('BI-IR' || p.code)::uuid, md5(p.code || CASE WHEN p.code LIKE 'BI-P%' THEN '-S18' ELSE '-V1' END)::uuid,
       'IR_UNIT', p.id, DATE '2025-03-01', 'Quyết định 05/2017/QĐ-TTg Điều 6'
FROM agency p WHERE p.code ~ '^BI-[PM][0-9]{2}$';
INSERT INTO agency_role (id, agency_id, role, for_agency_id, valid_from, legal_basis)
SELECT md5('BI-SP' || code)::uuid, id, 'SERVICE_PROVIDER', NULL, DATE '2025-03-01', 'Quyết định 05/2017/QĐ-TTg Điều 7.4'
FROM agency WHERE code LIKE 'BI-M__-E';

-- 20,000 systems owned (and mostly operated) by the departments.
CREATE TEMP TABLE bi_owner AS
SELECT row_number() OVER (ORDER BY code) - 1 AS n, id, parent_id FROM agency WHERE code ~ '^BI-[PM][0-9]{2}-[SV]';
CREATE TEMP TABLE bi_enterprise AS SELECT row_number() OVER (ORDER BY code) - 1 AS n, id FROM agency
WHERE code LIKE 'BI-M__-E';
CREATE UNIQUE INDEX ON bi_owner (n);
CREATE UNIQUE INDEX ON bi_enterprise (n);
ANALYZE bi_owner;
ANALYZE bi_enterprise;
SELECT count(*) AS owners FROM bi_owner \gset
SELECT count(*) AS enterprises FROM bi_enterprise \gset
INSERT INTO information_system (id, code, name, owner_id, operator_id, system_type, information_types, lifecycle,
                                go_live_date, hosting, hosting_provider_id, approved_level, approved_at,
                                prime_minister_designated)
SELECT md5('BI-S' || s)::uuid, 'BI-S' || lpad(s::text, 5, '0'),
       (ARRAY['Cổng dịch vụ công', 'Hệ thống quản lý văn bản và điều hành', 'Hệ thống thư điện tử công vụ',
              'Cổng thông tin điện tử', 'Hệ thống một cửa điện tử', 'Cơ sở dữ liệu chuyên ngành',
              'Trung tâm dữ liệu', 'Hệ thống hội nghị truyền hình', 'Hệ thống SCADA nhà máy nước',
              'Hệ thống kế toán'])[1 + (s % 10)] || ' ' || s,
       o.id, CASE WHEN s % 7 = 0 THEN o.parent_id ELSE o.id END,
       (ARRAY['INTERNAL_OPERATIONS', 'CITIZEN_BUSINESS_SERVICE', 'INFORMATION_INFRASTRUCTURE', 'OTHER'])[1 + s % 4],
       ARRAY['PUBLIC']::varchar[], 'OPERATING', DATE '2015-01-01' + (s % 3800),
       CASE WHEN s % 10 = 0 THEN 'DATA_CENTRE' ELSE 'ON_PREMISES' END,
       CASE WHEN s % 10 = 0 THEN e.id END,
       1 + s % 5, TIMESTAMPTZ '2024-01-01 03:00+00' + (s % 700) * INTERVAL '1 day', s % 97 = 0
FROM generate_series(1, 20000) s
JOIN bi_owner o ON o.n = s % :owners
JOIN bi_enterprise e ON e.n = s % :enterprises;

-- Two users and the two contact points that receive incident notices, per agency.
INSERT INTO app_user (id, username, full_name, email, agency_id, password_hash)
SELECT md5(a.code || '-U' || k)::uuid, lower(a.code) || '-u' || k, 'Cán bộ ' || k || ' ' || a.name_vi,
       lower(a.code) || '-u' || k || '@bench.attt-hub.local', a.id, NULL
FROM agency a, generate_series(1, 2) k WHERE a.code LIKE 'BI-%';
INSERT INTO agency_contact (id, agency_id, kind, full_name, position, phone, email, valid_from)
SELECT md5(a.code || '-C' || k.kind)::uuid, a.id, k.kind, 'Đầu mối ' || a.code, 'Chuyên viên ATTT', '0912345678',
       lower(a.code) || '-' || lower(k.kind) || '@bench.attt-hub.local', TIMESTAMPTZ '2025-03-01 00:00+07'
FROM agency a, (VALUES ('SECURITY_FOCAL_POINT'), ('IR_CONTACT_24X7')) k(kind) WHERE a.code LIKE 'BI-%';

SELECT (SELECT count(*) FROM agency) AS agencies, (SELECT count(*) FROM information_system) AS systems,
       (SELECT count(*) FROM agency_role) AS roles, (SELECT count(*) FROM app_user) AS users;
