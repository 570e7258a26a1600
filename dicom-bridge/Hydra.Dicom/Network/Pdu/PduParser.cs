using System.Globalization;

namespace Hydra.Dicom.Network.Pdu;

/// <summary>
/// Decodes whole PDUs held in memory (header included, so offsets in errors count from the PDU's first byte). The
/// caller has read the header and checked it with <see cref="PduHeader.Validate"/>; these methods check every item
/// length against its enclosing length and name each field in errors.
/// </summary>
internal static class PduParser
{
    private const int AeTitleLength = 16;
    private const int MaxUidLength = 64;
    private const int MaxProposals = 128;
    private const int MaxTransferSyntaxesPerContext = 64;
    private const int MaxUserSubItems = 1024;

    /// <summary>Decodes an A-ASSOCIATE-RQ or -AC (PS3.8 9.3.2, 9.3.3).</summary>
    public static AssociatePdu ParseAssociate(ReadOnlySpan<byte> pdu)
    {
        var type = pdu[0];
        var isRequest = type == (byte)PduType.AssociateRequest;
        var reader = new PduSpanReader(pdu[PduHeader.Size..], type, PduHeader.Size, PduNames.Describe(type) + " PDU");
        var version = reader.ReadUInt16("protocol version");
        reader.ReadUInt16("reserved field");
        var called = reader.ReadText(AeTitleLength, "called AE title", AeTitleLength).TrimStart(' ');
        var calling = reader.ReadText(AeTitleLength, "calling AE title", AeTitleLength).TrimStart(' ');
        reader.ReadBytes(32, "reserved field");
        string? applicationContext = null;
        var proposals = new List<PresentationContextProposal>();
        var outcomes = new List<PresentationContextOutcome>();
        UserInformation? userInformation = null;
        while (reader.Remaining > 0)
        {
            var itemOffset = reader.Offset;
            var item = reader.ReadItem(out var itemType, "variable");
            switch ((PduItemType)itemType)
            {
                case PduItemType.ApplicationContext:
                    applicationContext = item.ReadRemainingText("application context name", MaxUidLength);
                    break;
                case PduItemType.PresentationContextRequest when isRequest:
                    if (proposals.Count == MaxProposals)
                    {
                        throw item.Error(itemOffset, DicomPduReason.InvalidPduParameterValue, "more than 128 presentation contexts");
                    }

                    proposals.Add(ParseProposal(ref item, itemOffset, proposals));
                    break;
                case PduItemType.PresentationContextAccept when !isRequest:
                    outcomes.Add(ParseOutcome(ref item));
                    break;
                case PduItemType.UserInformation:
                    userInformation = ParseUserInformation(ref item);
                    break;
                default:
                    throw item.Error(itemOffset, DicomPduReason.UnexpectedPduParameter,
                        string.Create(CultureInfo.InvariantCulture, $"item type 0x{itemType:X2} does not belong in this PDU"));
            }
        }

        if (applicationContext is null)
        {
            throw reader.Error(reader.Offset, DicomPduReason.InvalidPduParameterValue, "no application context item");
        }

        if (userInformation is null)
        {
            throw reader.Error(reader.Offset, DicomPduReason.InvalidPduParameterValue, "no user information item");
        }

        return new AssociatePdu
        {
            ProtocolVersion = version,
            CalledAeTitle = called,
            CallingAeTitle = calling,
            ApplicationContext = applicationContext,
            Proposals = proposals,
            Outcomes = outcomes,
            UserInformation = userInformation,
        };
    }

    /// <summary>Decodes an A-ASSOCIATE-RJ (PS3.8 9.3.4).</summary>
    public static AssociateRejectPdu ParseReject(ReadOnlySpan<byte> pdu) =>
        new((DicomRejectResult)pdu[7], (DicomRejectSource)pdu[8], pdu[9]);

    /// <summary>Decodes an A-ABORT (PS3.8 9.3.8).</summary>
    public static AbortPdu ParseAbort(ReadOnlySpan<byte> pdu) => new((DicomAbortSource)pdu[8], (DicomPduReason)pdu[9]);

    /// <summary>
    /// Lists the PDV items of a P-DATA-TF (PS3.8 9.3.5): at least one; each item length at least 2, within the PDU,
    /// and even, since fragments have even length (PS3.8 E.2 and PS3.5 7.1: values are even, so fragments are).
    /// </summary>
    public static void ParseData(ReadOnlySpan<byte> pdu, List<Pdv> pdvs)
    {
        pdvs.Clear();
        var type = pdu[0];
        var reader = new PduSpanReader(pdu[PduHeader.Size..], type, PduHeader.Size, "P-DATA-TF PDU");
        if (reader.Remaining == 0)
        {
            throw reader.Error(reader.Offset, DicomPduReason.InvalidPduParameterValue, "no presentation data value item");
        }

        while (reader.Remaining > 0)
        {
            var itemOffset = reader.Offset;
            var length = reader.ReadUInt32("PDV item length");
            if (length < 2 || length > reader.Remaining)
            {
                throw reader.Error(itemOffset, DicomPduReason.InvalidPduParameterValue,
                    string.Create(CultureInfo.InvariantCulture, $"PDV item length {length} is below 2 or exceeds the {reader.Remaining} bytes left"));
            }

            if ((length & 1) != 0)
            {
                throw reader.Error(itemOffset, DicomPduReason.InvalidPduParameterValue,
                    string.Create(CultureInfo.InvariantCulture, $"PDV fragment length {length - 2} is odd"));
            }

            var contextId = reader.ReadByte("presentation context ID");
            var header = reader.ReadByte("message control header");
            if ((header & 0xFC) != 0)
            {
                throw reader.Error(itemOffset + 5, DicomPduReason.InvalidPduParameterValue,
                    string.Create(CultureInfo.InvariantCulture, $"message control header 0x{header:X2} sets reserved bits"));
            }

            var fragmentOffset = reader.Offset;
            reader.ReadBytes((int)length - 2, "PDV fragment");
            pdvs.Add(new Pdv(contextId, (header & Pdv.CommandBit) != 0, (header & Pdv.LastBit) != 0, fragmentOffset, (int)length - 2));
        }
    }

    private static PresentationContextProposal ParseProposal(ref PduSpanReader item, int itemOffset, List<PresentationContextProposal> seen)
    {
        var id = item.ReadByte("presentation context ID");
        if ((id & 1) == 0 || seen.Exists(p => p.Id == id))
        {
            throw item.Error(itemOffset + 4, DicomPduReason.InvalidPduParameterValue,
                string.Create(CultureInfo.InvariantCulture, $"presentation context ID {id} is even or repeated"));
        }

        item.ReadBytes(3, "reserved bytes");
        string? abstractSyntax = null;
        var transferSyntaxes = new List<string>();
        while (item.Remaining > 0)
        {
            var subOffset = item.Offset;
            var sub = item.ReadItem(out var subType, "presentation context sub-");
            switch ((PduItemType)subType)
            {
                case PduItemType.AbstractSyntax when abstractSyntax is null:
                    abstractSyntax = sub.ReadRemainingText("abstract syntax name", MaxUidLength);
                    break;
                case PduItemType.TransferSyntax when transferSyntaxes.Count < MaxTransferSyntaxesPerContext:
                    transferSyntaxes.Add(sub.ReadRemainingText("transfer syntax name", MaxUidLength));
                    break;
                default:
                    throw item.Error(subOffset, DicomPduReason.UnexpectedPduParameter,
                        string.Create(CultureInfo.InvariantCulture, $"sub-item type 0x{subType:X2} is unexpected here (a second abstract syntax, or too many transfer syntaxes)"));
            }
        }

        if (abstractSyntax is null || transferSyntaxes.Count == 0)
        {
            throw item.Error(itemOffset, DicomPduReason.InvalidPduParameterValue,
                string.Create(CultureInfo.InvariantCulture, $"presentation context {id} lacks an abstract syntax or a transfer syntax"));
        }

        return new PresentationContextProposal(id, abstractSyntax, transferSyntaxes);
    }

    private static PresentationContextOutcome ParseOutcome(ref PduSpanReader item)
    {
        var id = item.ReadByte("presentation context ID");
        item.ReadByte("reserved byte");
        var result = item.ReadByte("result/reason");
        item.ReadByte("reserved byte");
        string? transferSyntax = null;
        while (item.Remaining > 0)
        {
            var sub = item.ReadItem(out var subType, "presentation context sub-");
            if (subType == (byte)PduItemType.TransferSyntax)
            {
                transferSyntax = sub.ReadRemainingText("transfer syntax name", MaxUidLength);
            }
        }

        var outcome = result <= 4 ? (DicomPresentationContextResult)result : DicomPresentationContextResult.NoReason;
        return new PresentationContextOutcome(id, outcome, outcome == DicomPresentationContextResult.Acceptance ? transferSyntax : null);
    }

    private static UserInformation ParseUserInformation(ref PduSpanReader item)
    {
        var info = new UserInformation();
        var roles = new List<DicomRoleSelection>();
        var extended = new List<DicomExtendedNegotiation>();
        for (var count = 0; item.Remaining > 0; count++)
        {
            var subOffset = item.Offset;
            if (count == MaxUserSubItems)
            {
                throw item.Error(subOffset, DicomPduReason.InvalidPduParameterValue, "more than 1024 user information sub-items");
            }

            var sub = item.ReadItem(out var subType, "user information sub-");
            info = (PduItemType)subType switch
            {
                PduItemType.MaximumLength => info with { MaxPduLength = sub.ReadUInt32("maximum length received") },
                PduItemType.ImplementationClassUid => info with { ImplementationClassUid = sub.ReadRemainingText("implementation class UID", MaxUidLength) },
                PduItemType.ImplementationVersionName => info with { ImplementationVersionName = sub.ReadRemainingText("implementation version name", 16) },
                PduItemType.AsynchronousOperationsWindow => info with
                {
                    AsynchronousOperationsWindow = (sub.ReadUInt16("maximum operations invoked"), sub.ReadUInt16("maximum operations performed")),
                },
                PduItemType.UserIdentityRequest or PduItemType.UserIdentityAccept => info with { HasUserIdentity = true },
                _ => info,
            };
            if (subType == (byte)PduItemType.RoleSelection)
            {
                var uidLength = sub.ReadUInt16("role selection UID length");
                var uid = sub.ReadText(uidLength, "role selection SOP class UID", MaxUidLength);
                roles.Add(new DicomRoleSelection(uid, sub.ReadByte("SCU role") == 1, sub.ReadByte("SCP role") == 1));
            }
            else if (subType == (byte)PduItemType.SopClassExtendedNegotiation)
            {
                var uidLength = sub.ReadUInt16("extended negotiation UID length");
                var uid = sub.ReadText(uidLength, "extended negotiation SOP class UID", MaxUidLength);
                extended.Add(new DicomExtendedNegotiation(uid, sub.ReadBytes(sub.Remaining, "service class application information").ToArray()));
            }
        }

        return info with { RoleSelections = roles, ExtendedNegotiations = extended };
    }
}
