using System.Data.Common;
using Npgsql;

namespace CommunityOps.Ingestion;

/// <summary>
/// The first import into an empty log drops the log's secondary indexes, streams every row in with
/// COPY, and builds the indexes again just before commit. Keeping a btree current row by row costs far
/// more than building it once by sorting: measured on 1M rows, the unique key and the member index
/// added 5.6 s of server CPU to 2.1 s for the rows alone, while building both afterwards took 1.7 s.
/// Keeping the unique key live and dropping only the member index cost 1.5-2 s more server CPU.
/// The log is locked (ACCESS EXCLUSIVE) until commit, so nothing can read or write it half-indexed;
/// as it is empty, readers lose nothing but a few seconds' wait. Without the unique key, an export that
/// repeats itself stores its repeats; they are deleted, oldest kept, before the key is built again.
/// The rows' ids are numbered here rather than drawn from the identity sequence row by row: nextval per
/// row cost the backend 0.35-0.45 s of a 1.8-2.4 s COPY of 1M rows (psql, same rows, alternated). The
/// lock makes this safe: nothing else can insert into the log until commit, and this load's only
/// writes are its COPY segments (the merge path is never taken into an empty log). The sequence is
/// moved past the last id before the indexes are built.
/// The primary key goes too, with the foreign keys that lean on it: keeping it current row by row made
/// COPY of 1M rows take 1.6-2.1 s of the backend instead of 0.96-1.15 s, and wrote 44 MB more WAL (266 MB
/// against 222 MB), while building it afterwards from the ids numbered here took 0.22-0.27 s (psql, same
/// rows, alternated). The tables holding those foreign keys reference an empty log, so they are empty and
/// checking the keys again is free; if one of them cannot be locked within a few seconds, the primary key
/// simply stays.
/// </summary>
internal sealed class PostgresBulkLoad
{
    private const string Savepoint = "import_indexes";
    private const string LockSavepoint = "import_lock";
    private const string LockWait = "5s";

    private readonly Func<string, DbCommand> _command;
    private readonly NpgsqlTransaction _transaction;
    private readonly List<string> _rebuild;
    private readonly long _firstId;
    private long _nextId;

    private PostgresBulkLoad(Func<string, DbCommand> command, NpgsqlTransaction transaction, List<string> rebuild, long firstId, bool freeze)
    {
        Freeze = freeze;
        _command = command;
        _transaction = transaction;
        _rebuild = rebuild;
        _firstId = _nextId = firstId;
    }

    /// <summary>
    /// True when the log was emptied in this transaction, so COPY may write its rows frozen: COPY with
    /// FREEZE, outside any savepoint (the bulk load sets none around its COPY).
    /// </summary>
    public bool Freeze { get; }

    /// <summary>The id of the next row written.</summary>
    public long NextId() => _nextId++;

    /// <summary>
    /// Starts a bulk load if the log is empty and can be locked; null when it holds rows, however few, or
    /// when another transaction keeps it locked.
    /// </summary>
    public static PostgresBulkLoad? TryStart(Func<string, DbCommand> command, NpgsqlTransaction transaction)
    {
        // The unlocked look first: an import into a store in use must not queue behind the lock.
        if (!ActivityWriter.LogIsEmpty(command))
        {
            return null;
        }
        // That look holds the log's ACCESS SHARE lock until commit: two imports starting together into an
        // empty log each waited to upgrade it, deadlocked, and PostgreSQL failed one of them (2 of 10 runs of
        // the spec that starts two at once). Now the one that loses the deadlock, or waits too long, streams.
        if (!TryLock(command, transaction, "activities"))
        {
            return null;
        }
        if (!ActivityWriter.LogIsEmpty(command))
        {
            return null;
        }
        // Rebuilt in this order: the foreign keys need the primary key.
        var keys = DropKeys(command, transaction);
        var rebuild = new List<string>(keys.PrimaryKey);
        rebuild.AddRange(ActivityWriter.DropIndexes(command,
            "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid " +
            "WHERE x.indrelid = 'activities'::regclass AND NOT x.indisprimary ORDER BY x.indisunique DESC, i.relname"));
        rebuild.AddRange(keys.ForeignKeys);
        // COPY may write its rows frozen (visible to all, hint bits and visibility map set) only into a table
        // emptied in this transaction. Otherwise the first reader after the import sets hint bits on, and so
        // writes again, every page of the log, and vacuum visits every page once more to mark it all-visible.
        // Measured after the benchmark's 1M-row import: the first full read dirtied 17,548 of 19,597 pages
        // and VACUUM then scanned all 19,597; after a frozen load, none and one. The load itself took as long.
        // TRUNCATE of the empty, locked log loses nothing; it refuses while a foreign key still references it.
        var freeze = !keys.StillReferenced;
        if (freeze)
        {
            Execute(command, "TRUNCATE activities");
        }
        long firstId;
        using (var cmd = command("SELECT nextval(pg_get_serial_sequence('activities', 'id'))"))
        {
            firstId = (long)cmd.ExecuteScalar()!;
        }
        return new PostgresBulkLoad(command, transaction, rebuild, firstId, freeze);
    }

    /// <summary>Builds the indexes again; repeated events are removed first if the unique key finds any.</summary>
    public void Finish(long[] added, Action<long> duplicates)
    {
        if (_nextId > _firstId)
        {
            // setval is not undone by a rollback; a failed load only leaves a gap in the ids, as nextval would.
            using var cmd = _command("SELECT setval(pg_get_serial_sequence('activities', 'id'), @last)");
            ActivityWriter.AddParameter(cmd, "@last", _nextId - 1);
            cmd.ExecuteNonQuery();
        }
        // The default 64 MB makes the unique key's sort of a million rows spill to disk.
        Execute(_command, "SET LOCAL maintenance_work_mem = '256MB'");
        _transaction.Save(Savepoint);
        try
        {
            BuildIndexes();
            _transaction.Release(Savepoint);
            return;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            _transaction.Rollback(Savepoint);
        }
        using (var cmd = _command(
            "WITH repeated AS (DELETE FROM activities a USING (SELECT id, row_number() OVER (PARTITION BY community_id, kind, source_id ORDER BY id) AS n FROM activities) r " +
            "WHERE a.id = r.id AND r.n > 1 RETURNING a.kind) SELECT kind, count(*) FROM repeated GROUP BY kind"))
        {
            using var reader = cmd.ExecuteReader();
            while (reader.Read())
            {
                var n = reader.GetInt64(1);
                added[reader.GetInt16(0)] -= n;
                duplicates(n);
            }
        }
        BuildIndexes();
    }

    private void BuildIndexes()
    {
        foreach (var definition in _rebuild)
        {
            Execute(_command, definition);
        }
    }

    /// <summary>
    /// Drops the log's primary key and the foreign keys that reference it, returning the statements that
    /// add them back; drops nothing and returns none when a referencing table cannot be locked (<see cref="TryLock"/>).
    /// StillReferenced: some foreign key still references the log afterwards.
    /// </summary>
    private static (List<string> PrimaryKey, List<string> ForeignKeys, bool StillReferenced) DropKeys(Func<string, DbCommand> command, NpgsqlTransaction transaction)
    {
        var primary = new List<(string Table, string Name, string Definition)>();
        var foreign = new List<(string Table, string Name, string Definition)>();
        using (var list = command(
            "SELECT c.contype = 'p', c.conrelid::regclass::text, quote_ident(c.conname), pg_get_constraintdef(c.oid) FROM pg_constraint c " +
            "WHERE (c.conrelid = 'activities'::regclass AND c.contype = 'p') OR (c.confrelid = 'activities'::regclass AND c.contype = 'f') " +
            "ORDER BY 2, 3"))
        {
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                (reader.GetBoolean(0) ? primary : foreign).Add((reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }
        }
        if (primary.Count == 0)
        {
            return ([], [], foreign.Count > 0);
        }
        var referencing = foreign.Select(k => k.Table).Distinct(StringComparer.Ordinal).ToList();
        if (referencing.Count > 0 && !TryLock(command, transaction, string.Join(", ", referencing)))
        {
            return ([], [], true);
        }
        foreach (var (table, name, _) in foreign.Concat(primary))
        {
            Execute(command, $"ALTER TABLE {table} DROP CONSTRAINT {name}");
        }
        return ([.. primary.Select(Add)], [.. foreign.Select(Add)], false);

        static string Add((string Table, string Name, string Definition) key) => $"ALTER TABLE {key.Table} ADD CONSTRAINT {key.Name} {key.Definition}";
    }

    /// <summary>
    /// Locks <paramref name="tables"/> ACCESS EXCLUSIVE until commit, waiting at most <see cref="LockWait"/>;
    /// false, with nothing locked, when that runs out or PostgreSQL breaks a deadlock by failing this wait.
    /// A bounded wait rather than NOWAIT: autovacuum gives way to a waiting lock after deadlock_timeout,
    /// and a reader's statement ends in milliseconds; while this waits, later readers queue behind it, so
    /// not for long.
    /// </summary>
    private static bool TryLock(Func<string, DbCommand> command, NpgsqlTransaction transaction, string tables)
    {
        transaction.Save(LockSavepoint);
        try
        {
            Execute(command, $"SET LOCAL lock_timeout = '{LockWait}'; LOCK TABLE {tables} IN ACCESS EXCLUSIVE MODE; SET LOCAL lock_timeout = DEFAULT");
            transaction.Release(LockSavepoint);
            return true;
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.DeadlockDetected)
        {
            transaction.Rollback(LockSavepoint);
            return false;
        }
    }

    private static void Execute(Func<string, DbCommand> command, string sql)
    {
        using var cmd = command(sql);
        cmd.ExecuteNonQuery();
    }
}
