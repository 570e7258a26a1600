using System.Globalization;
using System.Net;

namespace Hydra.Dicom.Network;

/// <summary>
/// Shares a server's association slots so that callers who stay silent or idle cannot starve its configured senders:
/// connections still owing their A-ASSOCIATE-RQ are held per calling address (the oldest is closed when another
/// arrives past the limit), and associations are counted in total, per calling address and per calling AE title,
/// with <see cref="DicomServerOptions.ReservedAssociations"/> slots only known senders may take.
/// </summary>
internal sealed class AssociationAdmission(DicomServerOptions options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<IPAddress, LinkedList<CancellationTokenSource>> _waiting = [];
    private readonly Dictionary<IPAddress, int> _byAddress = [];
    private readonly Dictionary<string, int> _byCallingAeTitle = new(StringComparer.Ordinal);
    private int _open;

    /// <summary>
    /// Registers a connection that has not yet asked for an association. Its token fires when a newer connection from
    /// the same address needs the place; the caller then closes it.
    /// </summary>
    public Ticket Connect(IPAddress address)
    {
        lock (_gate)
        {
            if (!_waiting.TryGetValue(address, out var waiting))
            {
                _waiting[address] = waiting = new LinkedList<CancellationTokenSource>();
            }

            if (waiting.Count >= options.MaxAssociationsPerAddress)
            {
                // Cancelled under the lock so that its owner cannot be disposing it at the same time.
                var oldest = waiting.First!;
                waiting.RemoveFirst();
                oldest.Value.Cancel();
            }

            return new Ticket(this, address, waiting.AddLast(new CancellationTokenSource()));
        }
    }

    /// <summary>Takes an association slot for <paramref name="callingAeTitle"/>; null when granted, else why not.</summary>
    public string? Admit(Ticket ticket, string callingAeTitle)
    {
        lock (_gate)
        {
            StopWaiting(ticket);
            var known = options.KnownCallingAeTitles.Contains(callingAeTitle);
            var reserved = options.KnownCallingAeTitles.Count > 0 ? options.ReservedAssociations : 0;
            var limit = known ? options.MaxAssociations : options.MaxAssociations - reserved;
            string? refusal = null;
            if (_open >= limit)
            {
                refusal = known || reserved == 0
                    ? Text($"{_open} associations are open, the most allowed")
                    : Text($"{_open} associations are open; the other {reserved} are kept for known senders");
            }
            else if (_byAddress.GetValueOrDefault(ticket.Address) >= options.MaxAssociationsPerAddress)
            {
                refusal = Text($"{options.MaxAssociationsPerAddress} associations from {ticket.Address} are open, the most allowed per address");
            }
            else if (_byCallingAeTitle.GetValueOrDefault(callingAeTitle) >= options.MaxAssociationsPerCallingAeTitle)
            {
                refusal = Text($"{options.MaxAssociationsPerCallingAeTitle} associations of this calling AE title are open, the most allowed per AE title");
            }

            if (refusal is null)
            {
                _open++;
                _byAddress[ticket.Address] = _byAddress.GetValueOrDefault(ticket.Address) + 1;
                _byCallingAeTitle[callingAeTitle] = _byCallingAeTitle.GetValueOrDefault(callingAeTitle) + 1;
                ticket.CallingAeTitle = callingAeTitle;
            }

            return refusal;
        }
    }

    private void Release(Ticket ticket)
    {
        lock (_gate)
        {
            StopWaiting(ticket);
            ticket.Waiting.Value.Dispose();
            if (ticket.CallingAeTitle is { } callingAeTitle)
            {
                ticket.CallingAeTitle = null;
                _open--;
                Decrement(_byAddress, ticket.Address);
                Decrement(_byCallingAeTitle, callingAeTitle);
            }
        }
    }

    private void StopWaiting(Ticket ticket)
    {
        if (ticket.Waiting.List is { } waiting)
        {
            waiting.Remove(ticket.Waiting);
            if (waiting.Count == 0)
            {
                _waiting.Remove(ticket.Address);
            }
        }
    }

    private static void Decrement<TKey>(Dictionary<TKey, int> counts, TKey key)
        where TKey : notnull
    {
        if (--counts[key] == 0)
        {
            counts.Remove(key);
        }
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>One connection's place: waiting for its A-ASSOCIATE-RQ, then (once admitted) an association slot.</summary>
    public sealed class Ticket(AssociationAdmission owner, IPAddress address, LinkedListNode<CancellationTokenSource> waiting) : IDisposable
    {
        public IPAddress Address { get; } = address;

        /// <summary>Fires when a newer connection from the same address took this one's place while it was waiting.</summary>
        public CancellationToken Displaced { get; } = waiting.Value.Token;

        internal LinkedListNode<CancellationTokenSource> Waiting { get; } = waiting;

        internal string? CallingAeTitle { get; set; }

        public void Dispose() => owner.Release(this);
    }
}
