-- The spring term 2026 in Wolverhampton, completed: an EHC plan audit
-- round of twelve plans, four moderated, an EHCNA file audit of four
-- cases, and findings from the sources sendqa does not run, so that the
-- spring term's practice report has figures. $1 is the tenant, $2 the
-- auditor who completed the audits, $3 the QA lead who moderated them.
-- Statements are separated by blank-line "-- next" markers.
INSERT INTO rounds (tenant_id, name, instrument_key, instrument_version, subject_kind, term,
    academic_year, opens_on, due_on, sampling_method, state, seed, created_by)
VALUES ($1, 'Spring 2026 EHC plan audit', 'ehcp_quality_audit', 1, 'ehc_plan', 'spring', 2025,
    '2026-01-12', '2026-03-27', 'random', 'allocated', 2025, $3),
    ($1, 'Spring 2026 EHCNA file audit', 'ehcna_file_audit', 1, 'ehcna_case', 'spring', 2025,
    '2026-01-12', '2026-03-27', 'random', 'allocated', 2025, $3)
-- next
INSERT INTO subjects (tenant_id, kind, local_id, primary_need, services)
SELECT $1, 'ehc_plan', 'SP26-' || n, (ARRAY['ASD', 'SEMH', 'SLCN', 'MLD'])[1 + n % 4],
    '{SENSTART,Educational Psychology}'::text[]
FROM generate_series(1, 12) n
UNION ALL
SELECT $1, 'ehcna_case', 'NA26-' || n, (ARRAY['ASD', 'SEMH'])[1 + n % 2], '{SENSTART}'::text[]
FROM generate_series(1, 4) n
-- next
INSERT INTO round_subjects (tenant_id, round_id, subject_id, position, auditor_id, status)
SELECT $1, r.id, s.id, row_number() OVER (PARTITION BY r.id ORDER BY s.local_id), $2, 'submitted'
FROM rounds r JOIN subjects s ON s.tenant_id = r.tenant_id
    AND s.local_id LIKE CASE r.instrument_key WHEN 'ehcp_quality_audit' THEN 'SP26-%'
        ELSE 'NA26-%' END
WHERE r.tenant_id = $1 AND r.name IN ('Spring 2026 EHC plan audit', 'Spring 2026 EHCNA file audit')
-- next
-- Grades by plan: two outstanding, six good, three requiring improvement
-- and one inadequate; sections C, E and the preparation for adulthood
-- carry the ratings that become findings.
INSERT INTO responses (tenant_id, allocation_id, round_id, auditor_id, instrument_key,
    instrument_version, state, answers, result, as_of, submitted_at)
SELECT $1, rs.id, rs.round_id, $2, 'ehcp_quality_audit', 1, 'submitted',
    jsonb_build_object('a_grade', g.grade, 'b_grade', g.grade, 'e_grade', g.e),
    jsonb_build_object('rule_version', 'ehcp-quality-1',
        'overall', jsonb_build_object('scored', true, 'label', g.grade, 'count', 13),
        'sections', jsonb_build_array(
            jsonb_build_object('id', 'section_c', 'applies', true,
                'outcome', jsonb_build_object('scored', true, 'label', g.c)),
            jsonb_build_object('id', 'section_e', 'applies', true,
                'outcome', jsonb_build_object('scored', true, 'label', g.e)),
            jsonb_build_object('id', 'preparation_for_adulthood', 'applies', true,
                'outcome', jsonb_build_object('scored', true, 'label', g.pfa))),
        'poor', g.grade IN ('requires_improvement', 'inadequate')),
    date '2026-02-01' + rs.position * 3, timestamp '2026-02-01 10:00' + rs.position * interval '3 days'
FROM round_subjects rs
JOIN rounds r ON r.tenant_id = rs.tenant_id AND r.id = rs.round_id
JOIN (VALUES
    (1, 'outstanding', 'good', 'good', 'outstanding'),
    (2, 'good', 'good', 'good', 'good'),
    (3, 'good', 'requires_improvement', 'requires_improvement', 'good'),
    (4, 'requires_improvement', 'requires_improvement', 'inadequate', 'requires_improvement'),
    (5, 'good', 'good', 'good', 'good'),
    (6, 'inadequate', 'inadequate', 'inadequate', 'inadequate'),
    (7, 'good', 'good', 'requires_improvement', 'good'),
    (8, 'outstanding', 'outstanding', 'good', 'good'),
    (9, 'requires_improvement', 'requires_improvement', 'requires_improvement', 'good'),
    (10, 'good', 'good', 'good', 'requires_improvement'),
    (11, 'good', 'good', 'requires_improvement', 'good'),
    (12, 'requires_improvement', 'good', 'requires_improvement', 'requires_improvement')
) AS g (position, grade, c, e, pfa) ON g.position = rs.position
WHERE rs.tenant_id = $1 AND r.name = 'Spring 2026 EHC plan audit'
-- next
-- EHCNA cases: final plans on time, late, late with an exception, and on
-- time; health advice on time in three of four.
INSERT INTO responses (tenant_id, allocation_id, round_id, auditor_id, instrument_key,
    instrument_version, state, answers, result, as_of, submitted_at)
SELECT $1, rs.id, rs.round_id, $2, 'ehcna_file_audit', 1, 'submitted', '{}',
    jsonb_build_object('rule_version', 'ehcna-file-1',
        'overall', jsonb_build_object('scored', true,
            'label', CASE WHEN c.final IN ('on_time', 'excused') THEN 'compliant'
                ELSE 'not_compliant' END),
        'milestones', jsonb_build_array(
            jsonb_build_object('item', 'final_plan', 'statutory', true, 'status', c.final,
                'exception', CASE WHEN c.final = 'excused' THEN 'personal_circumstances'
                    ELSE '' END),
            jsonb_build_object('item', 'advice_health', 'statutory', true, 'status', c.health))),
    date '2026-02-20' + rs.position, timestamp '2026-02-20 10:00' + rs.position * interval '1 day'
FROM round_subjects rs
JOIN rounds r ON r.tenant_id = rs.tenant_id AND r.id = rs.round_id
JOIN (VALUES (1, 'on_time', 'on_time'), (2, 'late', 'late'), (3, 'excused', 'on_time'),
    (4, 'on_time', 'on_time')) AS c (position, final, health) ON c.position = rs.position
WHERE rs.tenant_id = $1 AND r.name = 'Spring 2026 EHCNA file audit'
-- next
-- Four plans moderated by the QA lead, agreeing on most grades.
INSERT INTO moderations (tenant_id, round_id, response_id, moderator_id, state, answers, result,
    submitted_at, due_on, agreed_label, agreed_by, agreed_at)
SELECT $1, resp.round_id, resp.id, $3, 'agreed',
    CASE WHEN rs.position = 4 THEN jsonb_build_object('a_grade', 'good',
        'b_grade', 'requires_improvement', 'e_grade', 'inadequate')
    ELSE resp.answers END,
    jsonb_build_object('rule_version', 'ehcp-quality-1', 'overall', resp.result->'overall'),
    resp.submitted_at + interval '7 days', date '2026-03-27', resp.result->'overall'->>'label', $3,
    resp.submitted_at + interval '8 days'
FROM responses resp JOIN round_subjects rs ON rs.tenant_id = resp.tenant_id
    AND rs.id = resp.allocation_id
JOIN rounds r ON r.tenant_id = resp.tenant_id AND r.id = resp.round_id
WHERE resp.tenant_id = $1 AND r.name = 'Spring 2026 EHC plan audit' AND rs.position IN (1, 4, 6, 9)
-- next
INSERT INTO findings (tenant_id, theme_id, source_kind, source_label, polarity, body, found_on,
    origin, created_by)
SELECT $1, t.id, f.kind, f.label, f.polarity, f.body, f.found_on::date, 'entered', $3
FROM (VALUES
    ('Quality of health advice', 'parent_carer_forum', 'Forum meeting, February',
        'development', 'Parents say health advice arrives late and repeats old reports',
        '2026-02-12'),
    ('Quality of health advice', 'iass', 'Casework themes, spring term', 'development',
        'Families ask IASS to chase therapy advice for assessments', '2026-03-04'),
    ('Quality of health advice', 'complaints_compliments', 'Complaint 2026-014', 'development',
        'A complaint that the plan''s health section did not reflect the diagnosis',
        '2026-03-18'),
    ('Preparation for adulthood and independence', 'practice_week', 'Practice week, March',
        'development', 'Year 9 reviews rarely discuss employment or independent living',
        '2026-03-10'),
    ('Preparation for adulthood and independence', 'local_offer', 'Local offer survey',
        'development', 'Young people cannot find post-16 options on the local offer',
        '2026-02-26'),
    ('Provision for SEN support', 'senco_survey', 'SENCO survey 2026', 'strength',
        'SENCOs value the new outcomes training', '2026-03-02'),
    ('Short breaks', 'complaints_compliments', 'Compliment 2026-006', 'strength',
        'A family thanks the short breaks team for a flexible offer', '2026-01-29')
) AS f (theme, kind, label, polarity, body, found_on)
JOIN themes t ON t.tenant_id = $1 AND t.name = f.theme
