-- The metric definitions of docs/metrics.md as SQL, the baseline of `bench metrics`. Runs as is on
-- PostgreSQL and, after the small substitutions in DuckDbBaseline, on DuckDB. Input tables:
--   bench_communities(id, tz), bench_members(community_id, member, is_staff),
--   bench_events(community_id, seq, ms, kind, member, channel, target, is_reply, inviter, link, mentions)
-- where seq is the event's position in (time, kind rank, source id) order and target the seq of a
-- reply's or reaction's message. {from} and {to} are the report's local dates.

-- Events with their local time and staff flag.
CREATE TEMP TABLE ev AS
SELECT e.community_id, e.seq, e.ms, e.kind, e.member, e.channel, e.target, e.is_reply, e.inviter, e.link, e.mentions, m.is_staff,
       (to_timestamp(e.ms / 1000.0) AT TIME ZONE c.tz) AS lt
FROM bench_events e
JOIN bench_communities c ON c.id = e.community_id
JOIN bench_members m ON m.community_id = e.community_id AND m.member = e.member;

-- Membership moves: after a join, message or reaction a member is in, after a leave out; the state
-- before the first event is in only when that event is a leave.
CREATE TEMP TABLE moves AS
SELECT community_id, member, seq, CAST(lt AS date) AS d, kind, inviter, link, in_after AS is_in
FROM (SELECT community_id, member, seq, lt, kind, inviter, link, kind <> 3 AS in_after,
             COALESCE(lag(kind <> 3) OVER w, first_value(kind) OVER w = 3) AS in_before
      FROM ev WHERE NOT is_staff
      WINDOW w AS (PARTITION BY community_id, member ORDER BY seq)) x
WHERE in_after <> in_before;

CREATE TEMP TABLE initial_in AS
SELECT community_id, count(*) AS n
FROM (SELECT DISTINCT ON (community_id, member) community_id, member, kind FROM ev WHERE NOT is_staff ORDER BY community_id, member, seq) f
WHERE kind = 3 GROUP BY community_id;

-- Member messages per member and local day.
CREATE TEMP TABLE mdays AS
SELECT community_id, member, CAST(lt AS date) AS d, count(*) AS n FROM ev WHERE kind = 1 AND NOT is_staff GROUP BY 1, 2, 3;

-- Each active day adds the member to wau (mau) from the day its previous active day stopped covering
-- until 7 (30) days later.
CREATE TEMP TABLE active_deltas AS
WITH a AS (SELECT community_id, member, d, lag(d) OVER (PARTITION BY community_id, member ORDER BY d) AS p FROM mdays)
SELECT community_id, d, sum(w) AS w, sum(m) AS m FROM (
    SELECT community_id, GREATEST(d, COALESCE(p + 7, d)) AS d, 1 AS w, 0 AS m FROM a
    UNION ALL SELECT community_id, d + 7, -1, 0 FROM a
    UNION ALL SELECT community_id, GREATEST(d, COALESCE(p + 30, d)), 0, 1 FROM a
    UNION ALL SELECT community_id, d + 30, 0, -1 FROM a) x
GROUP BY 1, 2;

CREATE TEMP TABLE daily AS
WITH days AS (SELECT c.id AS community_id, CAST(g AS date) AS d FROM bench_communities c CROSS JOIN generate_series(DATE '{from}', DATE '{to}', INTERVAL '1 day') AS s(g)),
     mv AS (SELECT community_id, d, count(*) FILTER (WHERE is_in) AS joined, count(*) FILTER (WHERE NOT is_in) AS gone FROM moves GROUP BY 1, 2),
     before_mv AS (SELECT community_id, sum(CASE WHEN is_in THEN 1 ELSE -1 END) AS net FROM moves WHERE d < DATE '{from}' GROUP BY 1),
     before_act AS (SELECT community_id, sum(w) AS w, sum(m) AS m FROM active_deltas WHERE d < DATE '{from}' GROUP BY 1),
     msg AS (SELECT community_id, CAST(lt AS date) AS d, count(*) FILTER (WHERE NOT is_staff) AS messages, count(*) FILTER (WHERE is_staff) AS staff_messages FROM ev WHERE kind = 1 GROUP BY 1, 2),
     dau AS (SELECT community_id, d, count(*) AS n FROM mdays GROUP BY 1, 2)
SELECT days.community_id, days.d,
       COALESCE(mv.joined, 0) AS joined, COALESCE(mv.gone, 0) AS gone,
       COALESCE(i.n, 0) + COALESCE(b.net, 0) + sum(COALESCE(mv.joined, 0) - COALESCE(mv.gone, 0)) OVER w AS members,
       COALESCE(msg.messages, 0) AS messages, COALESCE(msg.staff_messages, 0) AS staff_messages, COALESCE(dau.n, 0) AS dau,
       COALESCE(ba.w, 0) + sum(COALESCE(ad.w, 0)) OVER w AS wau,
       COALESCE(ba.m, 0) + sum(COALESCE(ad.m, 0)) OVER w AS mau
FROM days
LEFT JOIN mv ON mv.community_id = days.community_id AND mv.d = days.d
LEFT JOIN initial_in i ON i.community_id = days.community_id
LEFT JOIN before_mv b ON b.community_id = days.community_id
LEFT JOIN before_act ba ON ba.community_id = days.community_id
LEFT JOIN active_deltas ad ON ad.community_id = days.community_id AND ad.d = days.d
LEFT JOIN msg ON msg.community_id = days.community_id AND msg.d = days.d
LEFT JOIN dau ON dau.community_id = days.community_id AND dau.d = days.d
WINDOW w AS (PARTITION BY days.community_id ORDER BY days.d);

-- Cohorts: the week and month of a member's first move in; active = a message in week (month) k.
CREATE TEMP TABLE cohort_of AS
SELECT community_id, member, CAST(date_trunc('week', min(d)) AS date) AS w, CAST(date_trunc('month', min(d)) AS date) AS mo
FROM moves WHERE is_in GROUP BY 1, 2;

CREATE TEMP TABLE cohorts_weekly AS
SELECT c.community_id, c.w, -1 AS k, count(*) AS n FROM cohort_of c
WHERE c.w >= CAST(date_trunc('week', DATE '{from}') AS date) AND c.w <= DATE '{to}' GROUP BY 1, 2
UNION ALL
SELECT c.community_id, c.w, (CAST(date_trunc('week', md.d) AS date) - c.w) / 7 AS k, count(DISTINCT c.member)
FROM cohort_of c JOIN mdays md ON md.community_id = c.community_id AND md.member = c.member
WHERE c.w >= CAST(date_trunc('week', DATE '{from}') AS date) AND c.w <= DATE '{to}'
  AND md.d >= c.w AND md.d < c.w + 91 AND CAST(date_trunc('week', md.d) AS date) <= DATE '{to}'
GROUP BY 1, 2, 3;

CREATE TEMP TABLE cohorts_monthly AS
SELECT c.community_id, c.mo, -1 AS k, count(*) AS n FROM cohort_of c
WHERE c.mo >= CAST(date_trunc('month', DATE '{from}') AS date) AND c.mo <= DATE '{to}' GROUP BY 1, 2
UNION ALL
SELECT c.community_id, c.mo,
       CAST((extract(year FROM md.d) * 12 + extract(month FROM md.d)) - (extract(year FROM c.mo) * 12 + extract(month FROM c.mo)) AS integer) AS k,
       count(DISTINCT c.member)
FROM cohort_of c JOIN mdays md ON md.community_id = c.community_id AND md.member = c.member
WHERE c.mo >= CAST(date_trunc('month', DATE '{from}') AS date) AND c.mo <= DATE '{to}'
  AND md.d >= c.mo AND (extract(year FROM md.d) * 12 + extract(month FROM md.d)) - (extract(year FROM c.mo) * 12 + extract(month FROM c.mo)) <= 12
  AND CAST(date_trunc('month', md.d) AS date) <= DATE '{to}'
GROUP BY 1, 2, 3;

CREATE TEMP TABLE heatmap AS
SELECT community_id, CAST(extract(isodow FROM lt) AS integer) - 1 AS weekday, CAST(extract(hour FROM lt) AS integer) AS hour, count(*) AS n
FROM ev WHERE kind = 1 AND NOT is_staff AND CAST(lt AS date) BETWEEN DATE '{from}' AND DATE '{to}' GROUP BY 1, 2, 3;

-- Layers at the end of {to}.
CREATE TEMP TABLE layers AS
WITH seen AS (SELECT DISTINCT community_id, member FROM ev WHERE NOT is_staff AND CAST(lt AS date) <= DATE '{to}'),
     last_move AS (SELECT DISTINCT ON (community_id, member) community_id, member, is_in FROM moves WHERE d <= DATE '{to}' ORDER BY community_id, member, seq DESC),
     first_join AS (SELECT community_id, member, min(d) AS d FROM moves WHERE is_in GROUP BY 1, 2),
     last_message AS (SELECT community_id, member, max(d) AS d FROM mdays WHERE d <= DATE '{to}' GROUP BY 1, 2)
SELECT s.community_id,
       CASE WHEN NOT lm.is_in THEN 'churned'
            WHEN fj.d > DATE '{to}' - 7 THEN 'new'
            WHEN msg.d > DATE '{to}' - 7 THEN 'active'
            WHEN msg.d > DATE '{to}' - 30 THEN 'casual'
            ELSE 'silent' END AS layer,
       count(*) AS n
FROM seen s
JOIN last_move lm ON lm.community_id = s.community_id AND lm.member = s.member
LEFT JOIN first_join fj ON fj.community_id = s.community_id AND fj.member = s.member
LEFT JOIN last_message msg ON msg.community_id = s.community_id AND msg.member = s.member
GROUP BY 1, 2;

CREATE TEMP TABLE core AS
WITH c AS (SELECT community_id, member, sum(n) AS n FROM mdays WHERE d > DATE '{to}' - 30 AND d <= DATE '{to}' GROUP BY 1, 2),
     r AS (SELECT community_id, n, sum(n) OVER (PARTITION BY community_id ORDER BY n DESC, member ROWS UNBOUNDED PRECEDING) - n AS before,
                  sum(n) OVER (PARTITION BY community_id) AS total FROM c)
SELECT community_id, count(*) FILTER (WHERE before * 100 < total * 80) AS members, max(total) AS messages FROM r GROUP BY 1;

-- Response: in each channel, staff messages cut the member messages into segments; a segment's first
-- member message opens a period, and so does each later one more than 24 hours after the last opened.
-- The staff message that ends the segment answers its last period if within 24 hours.
CREATE TEMP TABLE chan AS
SELECT community_id, channel, seq, ms, member, is_staff, CAST(lt AS date) AS d,
       sum(CASE WHEN is_staff THEN 1 ELSE 0 END) OVER (PARTITION BY community_id, channel ORDER BY seq) AS seg
FROM ev WHERE kind = 1;

CREATE TEMP TABLE seg_members AS SELECT community_id, channel, seg, seq, ms, d FROM chan WHERE NOT is_staff;
{index_seg_members}

CREATE TEMP TABLE periods AS
WITH RECURSIVE p AS (
    SELECT community_id, channel, seg, seq, ms, d FROM (
        SELECT DISTINCT ON (community_id, channel, seg) community_id, channel, seg, seq, ms, d FROM seg_members ORDER BY community_id, channel, seg, seq) f
    UNION ALL
    {next_period}
)
SELECT p.community_id, p.d, p.ms, s.member AS operator, CASE WHEN s.ms - p.ms <= 86400000 THEN CAST((s.ms - p.ms) / 1000 AS integer) END AS wait
FROM p LEFT JOIN chan s ON s.community_id = p.community_id AND s.channel = p.channel AND s.is_staff AND s.seg = p.seg + 1;

CREATE TEMP TABLE response AS
SELECT community_id, count(*) AS periods, count(wait) AS answered,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY wait) AS median_seconds, percentile_disc(0.9) WITHIN GROUP (ORDER BY wait) AS p90_seconds
FROM periods WHERE d BETWEEN DATE '{from}' AND DATE '{to}' GROUP BY 1;

CREATE TEMP TABLE operators AS
SELECT community_id, operator, count(*) AS answered,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY wait) AS median_seconds, percentile_disc(0.9) WITHIN GROUP (ORDER BY wait) AS p90_seconds
FROM periods WHERE d BETWEEN DATE '{from}' AND DATE '{to}' AND wait IS NOT NULL GROUP BY 1, 2;

-- Interaction: what each message received from others, at any time.
CREATE TEMP TABLE received AS
SELECT t.community_id, t.seq, count(*) FILTER (WHERE e.kind = 1) AS replies, count(*) FILTER (WHERE e.kind = 4) AS reactions
FROM ev e JOIN ev t ON t.community_id = e.community_id AND t.seq = e.target
WHERE e.target IS NOT NULL AND t.member <> e.member GROUP BY 1, 2;

CREATE TEMP TABLE interaction AS
WITH r AS (SELECT * FROM ev WHERE CAST(lt AS date) BETWEEN DATE '{from}' AND DATE '{to}')
SELECT r.community_id,
       count(*) FILTER (WHERE r.kind = 1 AND NOT r.is_staff) AS messages,
       count(DISTINCT r.member) FILTER (WHERE r.kind = 1 AND NOT r.is_staff) AS active_members,
       count(*) FILTER (WHERE r.kind = 1 AND NOT r.is_staff AND r.is_reply) AS replies,
       count(*) FILTER (WHERE r.kind = 4 AND NOT r.is_staff) AS reactions_given,
       sum(CASE WHEN r.kind = 1 AND NOT r.is_staff THEN r.mentions ELSE 0 END) AS mentions,
       count(*) FILTER (WHERE r.kind = 1 AND NOT r.is_staff AND x.replies > 0) AS replied_messages
FROM r LEFT JOIN received x ON x.community_id = r.community_id AND x.seq = r.seq
GROUP BY 1;

CREATE TEMP TABLE reactions_received AS
SELECT e.community_id, count(*) AS n
FROM ev e JOIN ev t ON t.community_id = e.community_id AND t.seq = e.target
WHERE e.kind = 4 AND t.member <> e.member AND NOT t.is_staff AND CAST(e.lt AS date) BETWEEN DATE '{from}' AND DATE '{to}'
GROUP BY 1;

CREATE TEMP TABLE top_messages AS
SELECT * FROM (
    SELECT r.community_id, r.seq, x.replies, x.reactions, row_number() OVER (PARTITION BY r.community_id ORDER BY x.replies + x.reactions DESC, r.seq) AS rank
    FROM ev r JOIN received x ON x.community_id = r.community_id AND x.seq = r.seq
    WHERE r.kind = 1 AND NOT r.is_staff AND CAST(r.lt AS date) BETWEEN DATE '{from}' AND DATE '{to}') t
WHERE rank <= 10;

CREATE TEMP TABLE top_contributors AS
SELECT * FROM (
    SELECT community_id, member, sum(n) AS n, row_number() OVER (PARTITION BY community_id ORDER BY sum(n) DESC, member) AS rank
    FROM mdays WHERE d BETWEEN DATE '{from}' AND DATE '{to}' GROUP BY 1, 2) t
WHERE rank <= 10;

-- Growth sources: moves in by a join event with an inviter, a link, or neither (and implicit joins).
CREATE TEMP TABLE growth AS
SELECT community_id, count(*) AS joins,
       count(*) FILTER (WHERE kind = 2 AND inviter IS NOT NULL) AS with_inviter,
       count(*) FILTER (WHERE kind = 2 AND link IS NOT NULL) AS with_link,
       count(*) FILTER (WHERE kind <> 2 OR (inviter IS NULL AND link IS NULL)) AS no_record
FROM moves WHERE is_in AND d BETWEEN DATE '{from}' AND DATE '{to}' GROUP BY 1;

CREATE TEMP TABLE growth_inviters AS
SELECT * FROM (
    SELECT community_id, inviter, count(*) AS n, row_number() OVER (PARTITION BY community_id ORDER BY count(*) DESC, inviter) AS rank
    FROM moves WHERE is_in AND kind = 2 AND inviter IS NOT NULL AND d BETWEEN DATE '{from}' AND DATE '{to}' GROUP BY 1, 2) t
WHERE rank <= 10;
