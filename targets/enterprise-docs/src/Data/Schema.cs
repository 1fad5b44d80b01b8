namespace EnterpriseDocs.Data;

/// <summary>DDL and seed SQL of the documents table.</summary>
public static class Schema
{
    /// <summary>Creates the table, its generated full-text column, the GIN index and the index of the
    /// owner's recent documents (the session area), if missing.</summary>
    public const string Create = """
        CREATE TABLE IF NOT EXISTS documents (
            id          bigserial PRIMARY KEY,
            title       text        NOT NULL,
            owner       text        NOT NULL,
            department  text        NOT NULL,
            mime_type   text        NOT NULL,
            size_bytes  bigint      NOT NULL,
            version     integer     NOT NULL DEFAULT 1,
            tags        text[]      NOT NULL DEFAULT '{}',
            content     text        NOT NULL,
            created_at  timestamptz NOT NULL DEFAULT now(),
            updated_at  timestamptz NOT NULL DEFAULT now(),
            search      tsvector GENERATED ALWAYS AS (to_tsvector('english', title || ' ' || content)) STORED
        );
        CREATE INDEX IF NOT EXISTS documents_search_idx ON documents USING gin (search);
        CREATE INDEX IF NOT EXISTS documents_owner_updated_idx ON documents (owner, updated_at DESC, id DESC);
        """;

    /// <summary>
    /// Inserts @count documents whose words are picked deterministically (hash of the row number),
    /// so every seeded database holds the same catalogue. Each content is 100 words: common filler
    /// words with one topic word in eight, so a two-word topic query matches a few percent of rows.
    /// </summary>
    public const string Seed = """
        WITH v AS (
            SELECT ARRAY['annual','report','contract','invoice','policy','release','plan','budget','audit',
                         'review','design','proposal','minutes','roadmap','security','compliance','onboarding',
                         'handbook','quarterly','forecast','migration','architecture','incident','postmortem',
                         'capacity','vendor','agreement','draft','final','summary','analysis','specification',
                         'training','customer','support','sales','marketing','legal'] AS words,
                   ARRAY['the','of','and','to','for','with','this','that','is','are','was','be','on','by',
                         'from','as','at','it','we','our','will','has','have','should','must','may','team',
                         'document','page','section','item','note','update','version','status','date',
                         'owner','approved','pending','see'] AS filler,
                   ARRAY['finance','legal','engineering','sales','hr','operations','marketing','support'] AS depts,
                   ARRAY['a.martin','b.chen','c.garcia','d.smith','e.kowalski','f.nguyen','g.okafor','h.tanaka'] AS owners,
                   ARRAY['application/pdf','text/markdown','image/png',
                         'application/vnd.openxmlformats-officedocument.wordprocessingml.document'] AS types
        ), pick AS (
            SELECT g, v.*, (hashint4(g)::bigint + 2147483648) AS h FROM generate_series(1, @count) AS g, v
        )
        INSERT INTO documents (title, owner, department, mime_type, size_bytes, version, tags, content, created_at, updated_at)
        SELECT
            words[1 + h % 38] || ' ' || words[1 + (h / 38) % 38] || ' ' || words[1 + (h / 1444) % 38],
            owners[1 + (h / 7) % 8],
            depts[1 + (h / 11) % 8],
            types[1 + (h / 13) % 4],
            1024 + h % 20000000,
            1 + (h / 17) % 9,
            ARRAY[words[1 + (h / 19) % 38], depts[1 + (h / 11) % 8]],
            (SELECT string_agg(CASE WHEN k % 8 = 0
                                    THEN words[1 + (hashint4(g * 1000 + k)::bigint + 2147483648) % 38]
                                    ELSE filler[1 + (hashint4(g * 1000 + k)::bigint + 2147483648) % 40] END, ' ')
               FROM generate_series(1, 100) AS k),
            timestamptz '2023-01-01' + ((h % 700) || ' days')::interval,
            timestamptz '2023-01-01' + ((h % 700) || ' days')::interval + ((1 + (h / 17) % 9) || ' hours')::interval
        FROM pick
        ORDER BY g;
        """;
}
