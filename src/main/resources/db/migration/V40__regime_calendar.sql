-- Working-day calendar of DOMAIN.md D5: the days that differ from "Monday-Friday work, Saturday-Sunday rest".
-- HOLIDAY: a public holiday (Labour Code 2019 Art 112); COMPENSATORY_DAY_OFF: a weekday off in exchange for a
-- holiday falling on a weekly rest day (Art 111.3) or swapped by the Government's announcement; WORKING_DAY: a
-- Saturday or Sunday declared a working day by a swap. Every row names its source.
CREATE TABLE calendar_day (
    day             DATE PRIMARY KEY,
    kind            VARCHAR(32) NOT NULL,
    name_vi         TEXT NOT NULL,
    legal_basis     TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_by_name TEXT,
    CONSTRAINT calendar_day_kind CHECK (kind IN ('HOLIDAY', 'COMPENSATORY_DAY_OFF', 'WORKING_DAY')),
    CONSTRAINT calendar_day_name CHECK (length(btrim(name_vi)) > 0),
    CONSTRAINT calendar_day_basis CHECK (length(btrim(legal_basis)) > 0)
);

-- Seed: 2025-2027. Fixed solar holidays come straight from Labour Code 2019 (45/2019/QH14) Art 112.1. Lunar dates
-- (Tết, Giỗ Tổ Hùng Vương 10/3 âm lịch) were computed with the Vietnamese lunar calendar (UTC+7):
-- Tết Ất Tỵ 29/01/2025, Giỗ Tổ 07/04/2025; Tết Bính Ngọ 17/02/2026, Giỗ Tổ 26/04/2026 (a Sunday);
-- Tết Đinh Mùi 06/02/2027, Giỗ Tổ 16/04/2027.
-- Which five days make up Tết and which day joins 02/09 are decided by the Government each year (Art 112.3).
-- Kept here only where the announced arrangement is known to us:
--   * 2025: Tết 27-31/01 (nghỉ từ 25/01 đến 02/02/2025, 9 ngày liên tục); 30/4-1/5 swapped with Friday 02/05, made
--     up on Saturday 26/04/2025; Quốc khánh 01-02/09/2025.
--   * 2026: Tết 16-20/02 (nghỉ từ 14/02 đến 22/02/2026).
-- NOT seeded, because the arrangement is not confirmed here; an administrator adds them from the official notice:
--   * the day joining 02/09 in 2026 and 2027 (01/09 or 03/09), and any 2026/2027 swapped working Saturdays;
--   * the five Tết Đinh Mùi 2027 days (Tết falls on Saturday 06/02/2027; days off not yet confirmed).
INSERT INTO calendar_day (day, kind, name_vi, legal_basis) VALUES
 ('2025-01-01', 'HOLIDAY', 'Tết Dương lịch', 'Bộ luật Lao động 2019, Điều 112.1.a'),
 ('2025-01-27', 'HOLIDAY', 'Tết Âm lịch Ất Tỵ (28 tháng Chạp)', 'Bộ luật Lao động 2019, Điều 112.1.b; phương án nghỉ Tết 2025 do Thủ tướng Chính phủ quyết định (nghỉ 25/01-02/02/2025)'),
 ('2025-01-28', 'HOLIDAY', 'Tết Âm lịch Ất Tỵ (29 tháng Chạp)', 'Bộ luật Lao động 2019, Điều 112.1.b; phương án nghỉ Tết 2025 do Thủ tướng Chính phủ quyết định (nghỉ 25/01-02/02/2025)'),
 ('2025-01-29', 'HOLIDAY', 'Tết Âm lịch Ất Tỵ (mùng 1)', 'Bộ luật Lao động 2019, Điều 112.1.b; phương án nghỉ Tết 2025 do Thủ tướng Chính phủ quyết định (nghỉ 25/01-02/02/2025)'),
 ('2025-01-30', 'HOLIDAY', 'Tết Âm lịch Ất Tỵ (mùng 2)', 'Bộ luật Lao động 2019, Điều 112.1.b; phương án nghỉ Tết 2025 do Thủ tướng Chính phủ quyết định (nghỉ 25/01-02/02/2025)'),
 ('2025-01-31', 'HOLIDAY', 'Tết Âm lịch Ất Tỵ (mùng 3)', 'Bộ luật Lao động 2019, Điều 112.1.b; phương án nghỉ Tết 2025 do Thủ tướng Chính phủ quyết định (nghỉ 25/01-02/02/2025)'),
 ('2025-04-07', 'HOLIDAY', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'Bộ luật Lao động 2019, Điều 112.1.e'),
 ('2025-04-26', 'WORKING_DAY', 'Làm bù cho ngày nghỉ hoán đổi 02/05/2025', 'Hoán đổi ngày làm việc dịp 30/4-1/5/2025 theo thông báo của Chính phủ (nghỉ thứ Sáu 02/05, làm bù thứ Bảy 26/04)'),
 ('2025-04-30', 'HOLIDAY', 'Ngày Chiến thắng', 'Bộ luật Lao động 2019, Điều 112.1.c'),
 ('2025-05-01', 'HOLIDAY', 'Ngày Quốc tế lao động', 'Bộ luật Lao động 2019, Điều 112.1.d'),
 ('2025-05-02', 'COMPENSATORY_DAY_OFF', 'Nghỉ hoán đổi dịp 30/4-1/5 (làm bù thứ Bảy 26/04/2025)', 'Hoán đổi ngày làm việc dịp 30/4-1/5/2025 theo thông báo của Chính phủ (nghỉ thứ Sáu 02/05, làm bù thứ Bảy 26/04)'),
 ('2025-09-01', 'HOLIDAY', 'Quốc khánh (ngày liền kề)', 'Bộ luật Lao động 2019, Điều 112.1.đ; lịch nghỉ Quốc khánh 2025 (30/08-02/09/2025)'),
 ('2025-09-02', 'HOLIDAY', 'Quốc khánh', 'Bộ luật Lao động 2019, Điều 112.1.đ'),
 ('2026-01-01', 'HOLIDAY', 'Tết Dương lịch', 'Bộ luật Lao động 2019, Điều 112.1.a'),
 ('2026-02-16', 'HOLIDAY', 'Tết Âm lịch Bính Ngọ (29 tháng Chạp)', 'Bộ luật Lao động 2019, Điều 112.1.b; phương án nghỉ Tết 2026 do Thủ tướng Chính phủ quyết định (nghỉ 14/02-22/02/2026)'),
 ('2026-02-17', 'HOLIDAY', 'Tết Âm lịch Bính Ngọ (mùng 1)', 'Bộ luật Lao động 2019, Điều 112.1.b; phương án nghỉ Tết 2026 do Thủ tướng Chính phủ quyết định (nghỉ 14/02-22/02/2026)'),
 ('2026-02-18', 'HOLIDAY', 'Tết Âm lịch Bính Ngọ (mùng 2)', 'Bộ luật Lao động 2019, Điều 112.1.b; phương án nghỉ Tết 2026 do Thủ tướng Chính phủ quyết định (nghỉ 14/02-22/02/2026)'),
 ('2026-02-19', 'HOLIDAY', 'Tết Âm lịch Bính Ngọ (mùng 3)', 'Bộ luật Lao động 2019, Điều 112.1.b; phương án nghỉ Tết 2026 do Thủ tướng Chính phủ quyết định (nghỉ 14/02-22/02/2026)'),
 ('2026-02-20', 'HOLIDAY', 'Tết Âm lịch Bính Ngọ (mùng 4)', 'Bộ luật Lao động 2019, Điều 112.1.b; phương án nghỉ Tết 2026 do Thủ tướng Chính phủ quyết định (nghỉ 14/02-22/02/2026)'),
 ('2026-04-26', 'HOLIDAY', 'Giỗ Tổ Hùng Vương (10/3 âm lịch, Chủ nhật)', 'Bộ luật Lao động 2019, Điều 112.1.e'),
 ('2026-04-27', 'COMPENSATORY_DAY_OFF', 'Nghỉ bù Giỗ Tổ Hùng Vương (trùng Chủ nhật 26/04/2026)', 'Bộ luật Lao động 2019, Điều 111.3 (nghỉ bù vào ngày làm việc kế tiếp)'),
 ('2026-04-30', 'HOLIDAY', 'Ngày Chiến thắng', 'Bộ luật Lao động 2019, Điều 112.1.c'),
 ('2026-05-01', 'HOLIDAY', 'Ngày Quốc tế lao động', 'Bộ luật Lao động 2019, Điều 112.1.d'),
 ('2026-09-02', 'HOLIDAY', 'Quốc khánh', 'Bộ luật Lao động 2019, Điều 112.1.đ'),
 ('2027-01-01', 'HOLIDAY', 'Tết Dương lịch', 'Bộ luật Lao động 2019, Điều 112.1.a'),
 ('2027-04-16', 'HOLIDAY', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'Bộ luật Lao động 2019, Điều 112.1.e'),
 ('2027-04-30', 'HOLIDAY', 'Ngày Chiến thắng', 'Bộ luật Lao động 2019, Điều 112.1.c'),
 ('2027-05-01', 'HOLIDAY', 'Ngày Quốc tế lao động (thứ Bảy)', 'Bộ luật Lao động 2019, Điều 112.1.d'),
 ('2027-05-03', 'COMPENSATORY_DAY_OFF', 'Nghỉ bù Ngày Quốc tế lao động (trùng thứ Bảy 01/05/2027)', 'Bộ luật Lao động 2019, Điều 111.3 (nghỉ bù vào ngày làm việc kế tiếp)'),
 ('2027-09-02', 'HOLIDAY', 'Quốc khánh', 'Bộ luật Lao động 2019, Điều 112.1.đ');
