using Hydra.Dicom.Network.Pdu;

namespace Hydra.Dicom.Network.Protocol;

/// <summary>
/// The acceptor's side of association negotiation (PS3.8 7.1, 9.3.3; PS3.7 D.3.3): checks the protocol version,
/// application context and AE titles, answers every presentation context (accepted with the first preferred transfer
/// syntax the peer proposed, or rejected with its reason), agrees role selections, and rejects the association when
/// nothing is acceptable.
/// </summary>
internal static class AcceptorNegotiator
{
    public static NegotiationOutcome Negotiate(AssociatePdu request, DicomServerOptions options, ServiceSet services)
    {
        if ((request.ProtocolVersion & 1) == 0)
        {
            return NegotiationOutcome.Rejected(DicomRejectResult.Permanent, DicomRejectSource.ServiceProviderAcse, DicomRejectReasons.ProtocolVersionNotSupported);
        }

        if (!string.Equals(request.ApplicationContext, AssociatePdu.DicomApplicationContext, StringComparison.Ordinal))
        {
            return NegotiationOutcome.Rejected(DicomRejectResult.Permanent, DicomRejectSource.ServiceUser, DicomRejectReasons.ApplicationContextNotSupported);
        }

        if (options.CheckCalledAeTitle && !string.Equals(request.CalledAeTitle, options.AeTitle, StringComparison.Ordinal))
        {
            return NegotiationOutcome.Rejected(DicomRejectResult.Permanent, DicomRejectSource.ServiceUser, DicomRejectReasons.CalledAeTitleNotRecognized);
        }

        if (options.AllowedCallingAeTitles.Count > 0 && !options.AllowedCallingAeTitles.Contains(request.CallingAeTitle))
        {
            return NegotiationOutcome.Rejected(DicomRejectResult.Permanent, DicomRejectSource.ServiceUser, DicomRejectReasons.CallingAeTitleNotRecognized);
        }

        var contexts = request.Proposals.Select(p => Answer(p, options, services)).ToList();
        if (!contexts.Exists(c => c.IsAccepted))
        {
            return NegotiationOutcome.Rejected(DicomRejectResult.Permanent, DicomRejectSource.ServiceUser, DicomRejectReasons.NoReasonGiven)
                with { RejectReason = "no presentation context is acceptable", Contexts = contexts };
        }

        var roles = AgreeRoles(request, contexts, services);
        var window = request.UserInformation.AsynchronousOperationsWindow;
        var maxOperations = window is { Invoked: var invoked } && invoked != 1
            ? Math.Min(invoked == 0 ? int.MaxValue : invoked, options.MaxAsynchronousOperations)
            : 1;
        var accept = new AssociatePdu
        {
            CalledAeTitle = request.CalledAeTitle,
            CallingAeTitle = request.CallingAeTitle,
            Outcomes = [.. contexts.Select(c => new PresentationContextOutcome(c.Id, c.Result, c.TransferSyntax?.Uid))],
            UserInformation = new UserInformation
            {
                MaxPduLength = options.MaxPduLength,
                ImplementationClassUid = DicomLibraryInfo.ImplementationClassUid,
                ImplementationVersionName = DicomLibraryInfo.ImplementationVersionName,
                AsynchronousOperationsWindow = window is null ? null : ((ushort)maxOperations, (ushort)1),
                RoleSelections = roles,
            },
        };
        return new NegotiationOutcome { Accept = accept, Contexts = contexts, Roles = roles, MaxOperations = maxOperations };
    }

    private static DicomPresentationContext Answer(PresentationContextProposal proposal, DicomServerOptions options, ServiceSet services)
    {
        var abstractSyntax = proposal.AbstractSyntax;
        var isStorage = (services.Store || services.Get) && (DicomSopClasses.IsStorage(abstractSyntax) || options.ExtraStorageSopClasses.Contains(abstractSyntax));
        var supported = isStorage
            || abstractSyntax == DicomSopClasses.Verification
            || (services.Find && DicomSopClasses.FindModels.Contains(abstractSyntax))
            || (services.Get && DicomSopClasses.GetModels.Contains(abstractSyntax))
            || (services.Move && DicomSopClasses.MoveModels.Contains(abstractSyntax));
        if (!supported)
        {
            return new DicomPresentationContext(proposal.Id, abstractSyntax, DicomPresentationContextResult.AbstractSyntaxNotSupported, null);
        }

        var chosen = options.TransferSyntaxes.FirstOrDefault(s =>
            (isStorage || !s.IsEncapsulated) && proposal.TransferSyntaxes.Contains(s.Uid, StringComparer.Ordinal));
        return chosen is null
            ? new DicomPresentationContext(proposal.Id, abstractSyntax, DicomPresentationContextResult.TransferSyntaxesNotSupported, null)
            : new DicomPresentationContext(proposal.Id, abstractSyntax, DicomPresentationContextResult.Acceptance, chosen);
    }

    // PS3.7 D.3.3.4: the requestor may act as SCP (receive C-GET sub-operations) for storage classes it proposed, when
    // this side serves C-GET; the SCU role is always agreed.
    private static List<DicomRoleSelection> AgreeRoles(AssociatePdu request, List<DicomPresentationContext> contexts, ServiceSet services) =>
        [.. request.UserInformation.RoleSelections
            .Where(r => contexts.Exists(c => c.IsAccepted && string.Equals(c.AbstractSyntax, r.SopClassUid, StringComparison.Ordinal)))
            .Select(r => new DicomRoleSelection(r.SopClassUid, r.ScuRole, r.ScpRole && services.Get))];
}
