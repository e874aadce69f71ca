-- Data for the coverage dashboard benchmark (issue 3 §5), generated set-based with generate_series.
-- Run by scripts/bench-coverage.sh with psql against a database that the application has migrated (and whose root
-- agency it created). Deterministic shape (same counts on every run); attributes drawn with a fixed seed.
-- Produces, under the existing root: 10,000 agencies in total with the root (34 provincial-level units, 22 ministries
-- and government agencies, their departments, units, enterprises and 3,3xx communes), 100,000 information systems,
-- 5,000,000 software inventory entries, baselines with counters for every system with an approved level, open
-- periodic assessments, and level dossiers in every state with their open steps (some past their deadline).
-- Every generated code starts with "BC-".
\set ON_ERROR_STOP on
\timing on
SELECT setseed(0.2026);

-- ---------------------------------------------------------------- agencies
CREATE TEMP TABLE bc_root AS SELECT id, path, depth FROM agency WHERE parent_id IS NULL ORDER BY created_at LIMIT 1;

-- Level 1: 34 provincial-level units after the 2025 reorganisation (6 centrally-run cities, 28 provinces) ...
INSERT INTO agency (id, code, name_vi, kind, parent_id, path, depth, valid_from)
SELECT md5('BC-P' || i)::uuid, 'BC-P' || lpad(i::text, 2, '0'),
       CASE WHEN i <= 6 THEN 'Thành phố trực thuộc TW số ' ELSE 'Tỉnh số ' END || i,
       CASE WHEN i <= 6 THEN 'CITY' ELSE 'PROVINCE' END,
       r.id, r.path || md5('BC-P' || i)::uuid || '/', r.depth + 1, DATE '2025-07-01'
FROM generate_series(1, 34) i, bc_root r;
-- ... and 17 ministries, 5 government agencies.
INSERT INTO agency (id, code, name_vi, kind, parent_id, path, depth, valid_from)
SELECT md5('BC-M' || i)::uuid, 'BC-M' || lpad(i::text, 2, '0'),
       CASE WHEN i <= 17 THEN 'Bộ số ' ELSE 'Cơ quan thuộc Chính phủ số ' END || i,
       CASE WHEN i <= 17 THEN 'MINISTRY' ELSE 'GOVERNMENT_AGENCY' END,
       r.id, r.path || md5('BC-M' || i)::uuid || '/', r.depth + 1, DATE '2025-03-01'
FROM generate_series(1, 22) i, bc_root r;

-- Level 2: 19 departments per province, 25 departments (vụ, cục) and one enterprise per ministry, communes/wards.
INSERT INTO agency (id, code, name_vi, kind, parent_id, path, depth, valid_from)
SELECT md5(p.code || '-S' || j)::uuid, p.code || '-S' || lpad(j::text, 2, '0'), d.name || ' ' || p.name_vi,
       'DEPARTMENT', p.id, p.path || md5(p.code || '-S' || j)::uuid || '/', p.depth + 1, DATE '2025-07-01'
FROM agency p
CROSS JOIN LATERAL unnest(ARRAY['Sở Y tế', 'Sở Giáo dục và Đào tạo', 'Sở Tài chính', 'Sở Khoa học và Công nghệ',
        'Sở Nội vụ', 'Sở Tư pháp', 'Sở Công Thương', 'Sở Nông nghiệp và Môi trường', 'Sở Xây dựng',
        'Sở Văn hóa, Thể thao và Du lịch', 'Sở Ngoại vụ', 'Văn phòng UBND', 'Thanh tra', 'Sở Dân tộc và Tôn giáo',
        'Ban Quản lý các khu công nghiệp', 'Trung tâm Phục vụ hành chính công', 'Đài Phát thanh và Truyền hình',
        'Trung tâm Công nghệ thông tin và Truyền thông', 'Quỹ Đầu tư phát triển']) WITH ORDINALITY AS d(name, j)
WHERE p.code ~ '^BC-P[0-9]{2}$';
INSERT INTO agency (id, code, name_vi, kind, parent_id, path, depth, valid_from)
SELECT md5(p.code || '-V' || j)::uuid, p.code || '-V' || lpad(j::text, 2, '0'),
       CASE WHEN j % 3 = 0 THEN 'Cục số ' ELSE 'Vụ số ' END || j || ' - ' || p.name_vi,
       'DEPARTMENT', p.id, p.path || md5(p.code || '-V' || j)::uuid || '/', p.depth + 1, DATE '2025-03-01'
FROM agency p, generate_series(1, 25) j WHERE p.code ~ '^BC-M[0-9]{2}$';
INSERT INTO agency (id, code, name_vi, kind, parent_id, path, depth, valid_from)
SELECT md5(p.code || '-E')::uuid, p.code || '-E', 'Tổng công ty thuộc ' || p.name_vi,
       'ENTERPRISE', p.id, p.path || md5(p.code || '-E')::uuid || '/', p.depth + 1, DATE '2025-03-01'
FROM agency p WHERE p.code ~ '^BC-M[0-9]{2}$';
-- Communes/wards: 70-125 per province (3,315 in all; the country has 3,321 after the 2025 merger).
INSERT INTO agency (id, code, name_vi, kind, parent_id, path, depth, valid_from)
SELECT md5(p.code || '-X' || j)::uuid, p.code || '-X' || lpad(j::text, 3, '0'),
       CASE WHEN j % 4 = 0 THEN 'Phường số ' ELSE 'Xã số ' END || j || ', ' || p.name_vi,
       'COMMUNE', p.id, p.path || md5(p.code || '-X' || j)::uuid || '/', p.depth + 1, DATE '2025-07-01'
FROM agency p
CROSS JOIN LATERAL generate_series(1, 70 + (substr(p.code, 5)::int * 53) % 56) j
WHERE p.code ~ '^BC-P[0-9]{2}$';

-- Level 3: units (phòng, chi cục, trung tâm, bệnh viện, trường) under the departments, up to 10,000 agencies in all.
WITH dept AS (
    SELECT id, code, name_vi, path, depth, row_number() OVER (ORDER BY code) - 1 AS k, count(*) OVER () AS n
    FROM agency WHERE code LIKE 'BC-%' AND kind = 'DEPARTMENT'
), need AS (
    SELECT 10000 - (SELECT count(*) FROM agency) AS n
)
INSERT INTO agency (id, code, name_vi, kind, parent_id, path, depth, valid_from)
SELECT md5(d.code || '-U' || u)::uuid, d.code || '-U' || u,
       (ARRAY['Phòng Kế hoạch', 'Chi cục', 'Trung tâm', 'Bệnh viện', 'Trường', 'Phòng Hành chính'])[1 + u % 6]
           || ' số ' || u || ' - ' || d.name_vi,
       'UNIT', d.id, d.path || md5(d.code || '-U' || u)::uuid || '/', d.depth + 1, DATE '2025-07-01'
FROM need, generate_series(0, (SELECT n FROM need) - 1) u
JOIN dept d ON d.k = u % d.n;

-- ---------------------------------------------------------------- systems
-- 100,000 systems, spread over owners by weight of kind (a province's own systems, a department's, a commune's few).
CREATE TEMP TABLE bc_owner AS
SELECT id, parent_id, kind, sum(w) OVER (ORDER BY code) - w AS lo, sum(w) OVER (ORDER BY code) AS hi
FROM (SELECT id, parent_id, kind, code,
             CASE kind WHEN 'PROVINCE' THEN 60 WHEN 'CITY' THEN 90 WHEN 'MINISTRY' THEN 80
                       WHEN 'GOVERNMENT_AGENCY' THEN 40 WHEN 'ENTERPRISE' THEN 120 WHEN 'DEPARTMENT' THEN 30
                       WHEN 'UNIT' THEN 8 ELSE 3 END AS w
      FROM agency WHERE code LIKE 'BC-%') x;
CREATE INDEX ON bc_owner (lo);
ANALYZE bc_owner;

CREATE TEMP TABLE bc_system AS
SELECT s, md5('BC-S' || s)::uuid AS id, o.id AS owner_id, o.parent_id, o.kind AS owner_kind, random() AS r1,
       random() AS r2, random() AS r3, random() AS r4
FROM generate_series(1, 100000) s
CROSS JOIN (SELECT max(hi) AS total FROM bc_owner) t
CROSS JOIN LATERAL (SELECT * FROM bc_owner
                    WHERE lo <= ((2 * s - 1)::bigint * t.total / 200000)::bigint
                    ORDER BY lo DESC LIMIT 1) o;

-- Lifecycle: 78 % operating, 8 % planned, 9 % under construction, 5 % retired. Levels (Decree 85/2016 Art 7-11):
-- 10 % level 1, 45 % level 2, 35 % level 3, 8 % level 4, 2 % level 5; 62 % of systems (not planned) have one approved.
INSERT INTO information_system (id, code, name, owner_id, operator_id, system_type, information_types, lifecycle,
                                go_live_date, hosting, approved_level, approved_dossier_id, approved_at)
SELECT id, 'BC-S' || lpad(s::text, 6, '0'),
       (ARRAY['Cổng dịch vụ công', 'Hệ thống quản lý văn bản và điều hành', 'Hệ thống thư điện tử công vụ',
              'Cổng thông tin điện tử', 'Hệ thống một cửa điện tử', 'Cơ sở dữ liệu chuyên ngành',
              'Trung tâm dữ liệu', 'Hệ thống hội nghị truyền hình', 'Hệ thống SCADA nhà máy nước',
              'Hệ thống kế toán'])[1 + (s % 10)] || ' ' || s,
       owner_id,
       CASE WHEN r3 < 0.15 AND parent_id IS NOT NULL THEN parent_id ELSE owner_id END,
       (ARRAY['INTERNAL_OPERATIONS', 'CITIZEN_BUSINESS_SERVICE', 'INFORMATION_INFRASTRUCTURE', 'INDUSTRIAL_CONTROL',
              'OTHER'])[CASE WHEN r4 < 0.35 THEN 1 WHEN r4 < 0.70 THEN 2 WHEN r4 < 0.85 THEN 3 WHEN r4 < 0.92 THEN 4 ELSE 5 END],
       ARRAY['PUBLIC']::varchar[],
       lc, CASE WHEN lc IN ('OPERATING', 'RETIRED') THEN DATE '2015-01-01' + (s % 3800) END,
       (ARRAY['ON_PREMISES', 'DATA_CENTRE', 'ON_PREMISES', 'DATA_CENTRE'])[1 + s % 4],
       lvl, CASE WHEN lvl IS NOT NULL THEN md5('BC-D' || s)::uuid END,
       CASE WHEN lvl IS NOT NULL THEN TIMESTAMPTZ '2024-01-01 03:00+00' + (s % 700) * INTERVAL '1 day' END
FROM (SELECT *,
             CASE WHEN r1 < 0.78 THEN 'OPERATING' WHEN r1 < 0.86 THEN 'PLANNED' WHEN r1 < 0.95 THEN 'UNDER_CONSTRUCTION'
                  ELSE 'RETIRED' END AS lc,
             CASE WHEN r1 >= 0.78 AND r1 < 0.86 THEN NULL WHEN r2 >= 0.62 THEN NULL
                  WHEN r2 < 0.062 THEN 1 WHEN r2 < 0.341 THEN 2 WHEN r2 < 0.558 THEN 3 WHEN r2 < 0.6076 THEN 4
                  ELSE 5 END AS lvl
      FROM bc_system) x;

-- ---------------------------------------------------------------- inventories: 5,000,000 entries (50 per system)
-- Per system 5-95 entries (mean 50) drawn from a catalogue of common products, with CPE names; npm/maven
-- components also carry a Package URL.
CREATE TEMP TABLE bc_product (k int PRIMARY KEY, vendor text, product text, version text, purl_type text,
                              purl_namespace text);
INSERT INTO bc_product
SELECT row_number() OVER () - 1, v, p, ver, pt, pn FROM (VALUES
  ('microsoft', 'windows_server_2019', '10.0.17763', NULL, NULL), ('microsoft', 'windows_server_2022', '10.0.20348', NULL, NULL),
  ('microsoft', 'windows_10', '22h2', NULL, NULL), ('microsoft', 'sql_server', '2019', NULL, NULL),
  ('microsoft', 'exchange_server', '2019', NULL, NULL), ('microsoft', 'office', '2021', NULL, NULL),
  ('canonical', 'ubuntu_linux', '22.04', NULL, NULL), ('redhat', 'enterprise_linux', '8.9', NULL, NULL),
  ('debian', 'debian_linux', '12.0', NULL, NULL), ('apache', 'http_server', '2.4.58', NULL, NULL),
  ('apache', 'tomcat', '9.0.85', 'maven', 'org.apache.tomcat'), ('f5', 'nginx', '1.24.0', NULL, NULL),
  ('oracle', 'database_server', '19c', NULL, NULL), ('oracle', 'weblogic_server', '14.1.1.0', NULL, NULL),
  ('oracle', 'mysql', '8.0.36', NULL, NULL), ('postgresql', 'postgresql', '15.5', NULL, NULL),
  ('vmware', 'esxi', '7.0', NULL, NULL), ('vmware', 'vcenter_server', '7.0', NULL, NULL),
  ('fortinet', 'fortios', '7.2.6', NULL, NULL), ('paloaltonetworks', 'pan-os', '10.2.7', NULL, NULL),
  ('cisco', 'ios_xe', '17.9.4', NULL, NULL), ('cisco', 'adaptive_security_appliance_software', '9.18', NULL, NULL),
  ('citrix', 'netscaler_application_delivery_controller', '13.1', NULL, NULL), ('ivanti', 'connect_secure', '22.6', NULL, NULL),
  ('apache', 'log4j', '2.17.1', 'maven', 'org.apache.logging.log4j'), ('vmware', 'spring_framework', '5.3.31', 'maven', 'org.springframework'),
  ('fasterxml', 'jackson-databind', '2.15.3', 'maven', 'com.fasterxml.jackson.core'), ('apache', 'commons_text', '1.10.0', 'maven', 'org.apache.commons'),
  ('openjsf', 'express', '4.18.2', 'npm', NULL), ('lodash', 'lodash', '4.17.21', 'npm', NULL),
  ('jquery', 'jquery', '3.7.1', 'npm', NULL), ('getbootstrap', 'bootstrap', '5.3.2', 'npm', NULL),
  ('php', 'php', '8.1.27', NULL, NULL), ('wordpress', 'wordpress', '6.4.2', NULL, NULL),
  ('openssl', 'openssl', '3.0.13', NULL, NULL), ('openbsd', 'openssh', '9.6', NULL, NULL),
  ('elastic', 'elasticsearch', '8.11.3', NULL, NULL), ('redis', 'redis', '7.2.4', NULL, NULL),
  ('zimbra', 'collaboration', '9.0.0', NULL, NULL), ('veeam', 'backup_and_replication', '12.1', NULL, NULL)
) AS t(v, p, ver, pt, pn);

INSERT INTO software_item (system_id, position, vendor, product, version, cpe, cpe_part, cpe_vendor, cpe_product,
                           cpe_version, purl, purl_type, purl_namespace, purl_name, purl_version)
SELECT s.id, j, p.vendor, p.product, p.version,
       'cpe:2.3:a:' || p.vendor || ':' || p.product || ':' || p.version || ':*:*:*:*:*:*:*', 'a', p.vendor, p.product,
       p.version,
       CASE WHEN p.purl_type IS NOT NULL THEN 'pkg:' || p.purl_type || '/' || coalesce(p.purl_namespace || '/', '')
            || p.product || '@' || p.version END,
       p.purl_type, p.purl_namespace, CASE WHEN p.purl_type IS NOT NULL THEN p.product END,
       CASE WHEN p.purl_type IS NOT NULL THEN p.version END
FROM bc_system s
CROSS JOIN LATERAL generate_series(1, 5 + (s.s * 7919) % 91) j
JOIN bc_product p ON p.k = (s.s * 31 + j * 17) % 40;

-- ---------------------------------------------------------------- baselines and assessments
-- One baseline per system with an approved level; counters as ComplianceCounters would keep them (applicable
-- requirements by level, a share implemented with current evidence, a few stale).
INSERT INTO control_baseline (system_id, owner_agency_id, operator_agency_id, system_code, system_name, level, regime,
                              catalog_version, approved_at, dossier_id, applicable_count, compliant_count, stale_count,
                              counters_valid_until)
SELECT i.id, i.owner_id, i.operator_id, i.code, i.name, i.approved_level, 'ND85', 'ND85-2026.1', i.approved_at,
       i.approved_dossier_id, a.applicable,
       CASE WHEN b.r3 < 0.2 THEN a.applicable ELSE floor(a.applicable * b.r4)::int END,
       CASE WHEN b.r3 >= 0.2 AND b.r2 < 0.1 THEN 1 + (b.s % 3) ELSE 0 END,
       CASE WHEN b.r1 < 0.3 THEN DATE '2027-01-01' + (b.s % 365) ELSE DATE 'infinity' END
FROM information_system i JOIN bc_system b ON b.id = i.id
CROSS JOIN LATERAL (SELECT (ARRAY[18, 26, 33, 38, 41])[i.approved_level] - (b.s % 3) AS applicable) a
WHERE i.approved_level IS NOT NULL;

-- Decree 85/2016 Art 20.2.c: one open periodic assessment per level 3-5 system, one per owner agency.
INSERT INTO control_assessment (id, obligation_id, scope, system_id, agency_id, level, period_months, due_on)
SELECT md5('BC-A' || b.system_id)::uuid, CASE WHEN b.level >= 5 THEN 'ND85-20.2.c-L5' ELSE 'ND85-20.2.c-L3L4' END,
       'SYSTEM', b.system_id, b.owner_agency_id, b.level, CASE WHEN b.level >= 5 THEN 6 ELSE 12 END,
       DATE '2026-06-01' + (abs(hashtext(b.system_id::text)) % 365)
FROM control_baseline b JOIN information_system i ON i.id = b.system_id WHERE i.code LIKE 'BC-%' AND b.level >= 3;
INSERT INTO control_assessment (id, obligation_id, scope, agency_id, period_months, due_on)
SELECT md5('BC-O' || owner_agency_id)::uuid, 'ND85-20.2.c-ORG', 'ORGANISATION', owner_agency_id, 24,
       DATE '2026-03-01' + (abs(hashtext(owner_agency_id::text)) % 730)
FROM (SELECT DISTINCT b.owner_agency_id FROM control_baseline b JOIN agency a ON a.id = b.owner_agency_id
      WHERE a.code LIKE 'BC-%') o;

-- ---------------------------------------------------------------- dossiers
-- The approved dossier of every system with a level; an open dossier for 30 % of the others (in every open
-- state), with its current step, a third of them past the legal deadline.
INSERT INTO dossier (id, system_id, system_code, system_name, version_no, regime, proposed_level, determined_level,
                     state, owner_id, operator_id, approved_at, created_at)
SELECT i.approved_dossier_id, i.id, i.code, i.name, 1, 'ND85', i.approved_level, i.approved_level, 'APPROVED',
       i.owner_id, i.operator_id, i.approved_at, i.approved_at - INTERVAL '60 days'
FROM information_system i WHERE i.code LIKE 'BC-%' AND i.approved_level IS NOT NULL;

CREATE TEMP TABLE bc_open AS
SELECT i.id AS system_id, md5('BC-D' || b.s)::uuid AS dossier_id, i.code, i.name, i.owner_id, i.operator_id, b.s,
       1 + b.s % 4 AS level,
       (ARRAY['DRAFT', 'AWAITING_PROFESSIONAL_OPINION', 'SUBMITTED', 'RETURNED_INCOMPLETE', 'UNDER_APPRAISAL',
              'APPRAISED', 'AWAITING_APPROVAL'])[1 + b.s % 7] AS state
FROM information_system i JOIN bc_system b ON b.id = i.id
WHERE i.approved_level IS NULL AND b.r3 < 0.3;
INSERT INTO dossier (id, system_id, system_code, system_name, version_no, regime, proposed_level, state, owner_id,
                     operator_id, appraiser_id, approver_id, created_at)
SELECT o.dossier_id, o.system_id, o.code, o.name, 1, 'ND85', o.level, o.state, o.owner_id, o.operator_id,
       a.parent_id, a.parent_id, TIMESTAMPTZ '2026-09-01 02:00+00' + (o.s % 80) * INTERVAL '1 day'
FROM bc_open o JOIN agency a ON a.id = o.owner_id;
INSERT INTO dossier_step (id, dossier_id, kind, agency_id, started_at, due_at, legal_basis)
SELECT md5('BC-T' || o.s)::uuid, o.dossier_id,
       CASE o.state WHEN 'AWAITING_PROFESSIONAL_OPINION' THEN 'PROFESSIONAL_OPINION' WHEN 'SUBMITTED' THEN 'COMPLETENESS_CHECK'
                    WHEN 'AWAITING_APPROVAL' THEN 'APPROVAL' ELSE 'APPRAISAL' END,
       coalesce(a.parent_id, a.id), now() - (o.s % 45) * INTERVAL '1 day',
       CASE WHEN o.s % 3 = 0 THEN now() - (1 + o.s % 20) * INTERVAL '1 day' ELSE now() + (1 + o.s % 20) * INTERVAL '1 day' END,
       'Thông tư 03/2017/TT-BTTTT'
FROM bc_open o JOIN agency a ON a.id = o.owner_id
WHERE o.state IN ('AWAITING_PROFESSIONAL_OPINION', 'SUBMITTED', 'UNDER_APPRAISAL', 'APPRAISED', 'AWAITING_APPROVAL');

ANALYZE;

SELECT (SELECT count(*) FROM agency) AS agencies, (SELECT count(*) FROM information_system) AS systems,
       (SELECT count(*) FROM software_item) AS inventory_entries, (SELECT count(*) FROM control_baseline) AS baselines,
       (SELECT count(*) FROM control_assessment WHERE completed_on IS NULL) AS open_assessments,
       (SELECT count(*) FROM dossier) AS dossiers, (SELECT count(*) FROM dossier_step WHERE satisfied_at IS NULL) AS open_steps;
