using Hydra.Dicom.Network.Services;

namespace Hydra.Dicom.Network;

/// <summary>
/// What a <see cref="DicomClient"/> proposes (PS3.8 7.1.1.13, PS3.7 D.3.3.4): presentation contexts, each one abstract
/// syntax with its transfer syntaxes in order of preference, and role selections. At most 128 contexts.
/// </summary>
public sealed class DicomAssociationProposal
{
    private readonly List<(string AbstractSyntax, IReadOnlyList<DicomTransferSyntax> Syntaxes)> _contexts = [];
    private readonly List<DicomRoleSelection> _roles = [];

    internal IReadOnlyList<(string AbstractSyntax, IReadOnlyList<DicomTransferSyntax> Syntaxes)> Contexts => _contexts;

    internal IReadOnlyList<DicomRoleSelection> Roles => _roles;

    /// <summary>Adds a presentation context; when the same abstract syntax and syntaxes are already proposed, nothing changes.</summary>
    public DicomAssociationProposal Add(string abstractSyntax, params IReadOnlyList<DicomTransferSyntax> syntaxes)
    {
        ArgumentException.ThrowIfNullOrEmpty(abstractSyntax);
        ArgumentNullException.ThrowIfNull(syntaxes);
        if (syntaxes.Count == 0)
        {
            throw new ArgumentException("Propose at least one transfer syntax.", nameof(syntaxes));
        }

        if (_contexts.Exists(c => c.AbstractSyntax == abstractSyntax && c.Syntaxes.SequenceEqual(syntaxes)))
        {
            return this;
        }

        if (_contexts.Count == 128)
        {
            throw new InvalidOperationException("An association has at most 128 presentation contexts (PS3.8 9.3.2.2).");
        }

        _contexts.Add((abstractSyntax, syntaxes));
        return this;
    }

    /// <summary>Adds Verification in Explicit and Implicit VR Little Endian.</summary>
    public DicomAssociationProposal AddVerification() => Add(DicomSopClasses.Verification, UncompressedSyntaxes);

    /// <summary>Adds a Query/Retrieve model in Explicit and Implicit VR Little Endian.</summary>
    public DicomAssociationProposal AddQueryRetrieve(string informationModel) => Add(informationModel, UncompressedSyntaxes);

    /// <summary>
    /// Adds contexts to send an instance of <paramref name="sopClassUid"/> stored in <paramref name="syntax"/>: one in
    /// that syntax alone, so a peer that accepts it gets the instance as stored, and for an uncompressed syntax a
    /// second one in the little endian uncompressed syntaxes (a lossless conversion, used only when needed).
    /// </summary>
    public DicomAssociationProposal AddStorage(string sopClassUid, DicomTransferSyntax syntax)
    {
        ArgumentNullException.ThrowIfNull(syntax);
        Add(sopClassUid, syntax);
        var alternatives = StoreSender.Proposable(syntax).Where(s => !s.Equals(syntax)).ToList();
        return alternatives.Count > 0 ? Add(sopClassUid, alternatives) : this;
    }

    /// <summary>Proposes that this side may act as SCU and/or SCP for <paramref name="sopClassUid"/> (SCP: to receive C-GET sub-operations).</summary>
    public DicomAssociationProposal AddRoleSelection(string sopClassUid, bool scuRole, bool scpRole)
    {
        _roles.RemoveAll(r => r.SopClassUid == sopClassUid);
        _roles.Add(new DicomRoleSelection(sopClassUid, scuRole, scpRole));
        return this;
    }

    /// <summary>A proposal holding what is needed to send <paramref name="files"/>.</summary>
    public static DicomAssociationProposal ForFiles(IEnumerable<DicomFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var proposal = new DicomAssociationProposal();
        foreach (var file in files)
        {
            var sopClass = file.Dataset.GetString(Dictionary.DicomTags.SOPClassUID)
                ?? throw new ArgumentException("A file has no SOP Class UID (0008,0016).", nameof(files));
            proposal.AddStorage(sopClass, file.TransferSyntax);
        }

        return proposal;
    }

    private static DicomTransferSyntax[] UncompressedSyntaxes =>
        [DicomTransferSyntax.ExplicitVRLittleEndian, DicomTransferSyntax.ImplicitVRLittleEndian];
}
