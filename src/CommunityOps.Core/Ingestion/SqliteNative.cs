using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CommunityOps.Ingestion;

/// <summary>
/// The few SQLite calls of the bulk insert loop, made on raw handles into the same e_sqlite3 library
/// SQLitePCLRaw loads. Its calls take SafeHandles: each one adds and releases a reference and goes
/// through a marshalling stub and a provider lookup. At about 20 calls a row, that was 7% of the
/// samples of an import's writing thread (1M Telegram messages), the thread that decides how long a
/// SQLite import takes. Text is bound in place from pinned buffers, so SQLite makes no copy of it.
/// The binds and the change count are short, never call back, and take only the connection's mutex,
/// which no other thread holds while the writing thread runs: they skip the GC transition. Step and
/// reset do real work (I/O, locks) and keep it.
/// </summary>
internal static partial class SqliteNative
{
    private const string Library = "e_sqlite3";

    /// <summary>SQLITE_STATIC: SQLite reads the bytes where they are, until the parameter is bound again.</summary>
    public static readonly nint Static = 0;

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_int64")]
    [SuppressGCTransition]
    public static partial int BindInt64(nint statement, int index, long value);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_null")]
    [SuppressGCTransition]
    public static partial int BindNull(nint statement, int index);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_text")]
    [SuppressGCTransition]
    public static unsafe partial int BindText(nint statement, int index, byte* utf8, int length, nint destructor);

    [LibraryImport(Library, EntryPoint = "sqlite3_step")]
    public static partial int Step(nint statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_reset")]
    public static partial int Reset(nint statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_changes")]
    [SuppressGCTransition]
    public static partial int Changes(nint db);

    /// <summary>The raw handle, kept alive until <see cref="Release"/>.</summary>
    public static nint Hold(SafeHandle handle)
    {
        var added = false;
        handle.DangerousAddRef(ref added);
        return handle.DangerousGetHandle();
    }

    public static void Release(SafeHandle handle) => handle.DangerousRelease();

    /// <summary>A buffer the GC never moves, so SQLite may read it in place (<see cref="Static"/>).</summary>
    public static byte[] Pinned(int length) => GC.AllocateUninitializedArray<byte>(length, pinned: true);

    public static unsafe byte* Address(byte[] pinned) => (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(pinned));
}
