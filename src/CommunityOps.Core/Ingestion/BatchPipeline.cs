using System.Runtime.ExceptionServices;

namespace CommunityOps.Ingestion;

/// <summary>
/// Hands rows from the parsing thread to one writing thread in batches, so that parsing an export and
/// writing it to the store run on two cores at once instead of one after the other. At most two handed-over
/// batches are unwritten at a time (one being written, one waiting), which bounds memory and keeps the
/// parser from running more than a batch ahead. The writer owns the database
/// connection while it writes; <see cref="Drain"/> returns only when every row handed over is written,
/// so the caller may use the connection itself afterwards. A failure on the writing thread stops the
/// writing and is rethrown, with its own stack, to the caller at its next <see cref="Add"/> or
/// <see cref="Drain"/>.
/// </summary>
internal sealed class BatchPipeline<T> : IDisposable
    where T : struct
{
    private const int MaxUnwritten = 2;

    private readonly Action<T[], int> _write;
    private readonly int _batchSize;
    private readonly object _gate = new();
    private readonly Queue<(T[] Rows, int Count)> _waiting = new();
    private readonly Stack<T[]> _free = new();
    private readonly Thread _thread;
    private T[] _current;
    private int _count;
    private int _unwritten; // batches waiting or being written
    private ExceptionDispatchInfo? _fault;
    private bool _closed;

    public BatchPipeline(Action<T[], int> write, int batchSize, string name)
    {
        _write = write;
        _batchSize = batchSize;
        _current = new T[batchSize];
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    public void Add(in T row)
    {
        if (_count == _batchSize)
        {
            // Only after a failed Submit: rethrows the failure instead of overrunning the batch.
            Submit();
        }
        _current[_count++] = row;
        if (_count == _batchSize)
        {
            Submit();
        }
    }

    /// <summary>Waits until every row added so far is written; rethrows the writer's failure.</summary>
    public void Drain()
    {
        if (_count > 0)
        {
            Submit();
        }
        lock (_gate)
        {
            while (_unwritten > 0 && _fault is null)
            {
                Monitor.Wait(_gate);
            }
            _fault?.Throw();
        }
    }

    private void Submit()
    {
        lock (_gate)
        {
            while (_unwritten >= MaxUnwritten && _fault is null)
            {
                Monitor.Wait(_gate);
            }
            _fault?.Throw();
            _waiting.Enqueue((_current, _count));
            _unwritten++;
            _current = _free.Count > 0 ? _free.Pop() : new T[_batchSize];
            Monitor.PulseAll(_gate);
        }
        _count = 0;
    }

    private void Run()
    {
        while (true)
        {
            (T[] Rows, int Count) batch;
            bool failed;
            lock (_gate)
            {
                while (_waiting.Count == 0 && !_closed)
                {
                    Monitor.Wait(_gate);
                }
                if (_waiting.Count == 0)
                {
                    return;
                }
                batch = _waiting.Dequeue();
                failed = _fault is not null;
            }
            ExceptionDispatchInfo? error = null;
            if (!failed)
            {
                try
                {
                    _write(batch.Rows, batch.Count);
                }
#pragma warning disable CA1031 // Any failure belongs to the caller: it is rethrown on the caller's thread.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    error = ExceptionDispatchInfo.Capture(ex);
                }
            }
            // Rows hold chat text: drop the references so a written batch does not keep it alive.
            Array.Clear(batch.Rows, 0, batch.Count);
            lock (_gate)
            {
                _fault ??= error;
                _unwritten--;
                _free.Push(batch.Rows);
                Monitor.PulseAll(_gate);
            }
        }
    }

    /// <summary>
    /// Stops the writing thread and waits for it. Batches not yet written are dropped: a caller that
    /// wanted them written drained first, and one that did not is abandoning the import.
    /// </summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _waiting.Clear();
            _closed = true;
            Monitor.PulseAll(_gate);
        }
        _thread.Join();
    }
}
