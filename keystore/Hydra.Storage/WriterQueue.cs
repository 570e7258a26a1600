namespace Hydra.Storage;

/// <summary>
/// The queue in front of a single writer thread. The writer sleeps on a monitor while the queue is empty instead of
/// spinning first, as <c>BlockingCollection</c>'s semaphore does: on a small machine running several writers (three
/// keystore nodes and a bridge in one test process, or beside a DICOM receiver) that spinning took 5-10% of the CPU.
/// </summary>
internal sealed class WriterQueue<T>
{
    private readonly Queue<T> _items = new();
    private readonly int _capacity;
    private bool _completed;

    public WriterQueue(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    /// <summary>Adds <paramref name="item"/>; false when the queue is full.</summary>
    /// <exception cref="ObjectDisposedException">The queue was completed.</exception>
    public bool TryAdd(T item)
    {
        lock (_items)
        {
            ObjectDisposedException.ThrowIf(_completed, this);
            if (_items.Count >= _capacity)
            {
                return false;
            }

            _items.Enqueue(item);
            if (_items.Count == 1)
            {
                // The writer only ever waits on an empty queue, so only the first item needs to wake it.
                Monitor.Pulse(_items);
            }

            return true;
        }
    }

    /// <summary>
    /// Moves up to <paramref name="max"/> items into <paramref name="batch"/>, waiting while there are none; false once
    /// the queue is completed and empty.
    /// </summary>
    public bool TakeBatch(List<T> batch, int max)
    {
        lock (_items)
        {
            while (_items.Count == 0)
            {
                if (_completed)
                {
                    return false;
                }

                Monitor.Wait(_items);
            }

            while (batch.Count < max && _items.TryDequeue(out var item))
            {
                batch.Add(item);
            }

            return true;
        }
    }

    /// <summary>Takes no more items; the writer drains what is queued, then <see cref="TakeBatch"/> returns false.</summary>
    public void Complete()
    {
        lock (_items)
        {
            _completed = true;
            Monitor.PulseAll(_items);
        }
    }
}
