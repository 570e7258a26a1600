using System.Net;
using Hydra.Dicom.Network.Tls;

namespace Hydra.Dicom.Network;

/// <summary>
/// What is known about an established association, for handlers to decide per request: AE titles, addresses, the
/// TLS identity of the peer and the negotiated presentation contexts and roles.
/// </summary>
public sealed class DicomAssociationContext
{
    private readonly Dictionary<byte, DicomPresentationContext> _byId;

    internal DicomAssociationContext(long id, string callingAeTitle, string calledAeTitle, EndPoint? remoteEndPoint, EndPoint? localEndPoint,
        IDicomPeerIdentity? peerIdentity, bool isSecure, IReadOnlyList<DicomPresentationContext> presentationContexts)
    {
        Id = id;
        CallingAeTitle = callingAeTitle;
        CalledAeTitle = calledAeTitle;
        RemoteEndPoint = remoteEndPoint;
        LocalEndPoint = localEndPoint;
        PeerIdentity = peerIdentity;
        IsSecure = isSecure;
        PresentationContexts = presentationContexts;
        _byId = presentationContexts.ToDictionary(c => c.Id);
    }

    /// <summary>A number identifying the association in this process's log lines.</summary>
    public long Id { get; }

    /// <summary>The requestor's AE title.</summary>
    public string CallingAeTitle { get; }

    /// <summary>The AE title the requestor called.</summary>
    public string CalledAeTitle { get; }

    public EndPoint? RemoteEndPoint { get; }

    public EndPoint? LocalEndPoint { get; }

    /// <summary>True when the association runs over TLS (PS3.15 B.1 secure transport).</summary>
    public bool IsSecure { get; }

    /// <summary>The identity the peer proved with its TLS client certificate; null without TLS.</summary>
    public IDicomPeerIdentity? PeerIdentity { get; }

    /// <summary>Every presentation context of the negotiation, accepted or not, in proposal order.</summary>
    public IReadOnlyList<DicomPresentationContext> PresentationContexts { get; }

    /// <summary>The role selections agreed (PS3.7 D.3.3.4); the requestor may act as SCP only for these SOP classes.</summary>
    public IReadOnlyList<DicomRoleSelection> RoleSelections { get; internal init; } = [];

    /// <summary>The SOP Class Extended Negotiation items the requestor proposed (none is answered).</summary>
    public IReadOnlyList<DicomExtendedNegotiation> ExtendedNegotiations { get; internal init; } = [];

    /// <summary>The largest P-DATA-TF PDU the peer receives (0 = no limit).</summary>
    public uint PeerMaxPduLength { get; internal init; }

    /// <summary>The largest P-DATA-TF PDU this side receives, as announced.</summary>
    public uint MaxPduLength { get; internal init; }

    public string PeerImplementationClassUid { get; internal init; } = string.Empty;

    public string? PeerImplementationVersionName { get; internal init; }

    /// <summary>The presentation context with <paramref name="id"/>, or null.</summary>
    public DicomPresentationContext? FindContext(byte id) => _byId.GetValueOrDefault(id);

    /// <summary>True when the requestor may act as SCP for <paramref name="sopClassUid"/> (needed for C-GET sub-operations).</summary>
    public bool RequestorMayActAsScp(string sopClassUid) =>
        RoleSelections.Any(r => r.ScpRole && string.Equals(r.SopClassUid, sopClassUid, StringComparison.Ordinal));
}
