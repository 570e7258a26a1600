namespace Hydra.Dicom.Network;

/// <summary>The result of one presentation context in the A-ASSOCIATE-AC (PS3.8 9.3.3.2, Table 9-18).</summary>
public enum DicomPresentationContextResult : byte
{
    /// <summary>Accepted with one transfer syntax (0).</summary>
    Acceptance = 0,

    /// <summary>Rejected by the accepting application (1).</summary>
    UserRejection = 1,

    /// <summary>Rejected by the provider without a reason (2).</summary>
    NoReason = 2,

    /// <summary>The abstract syntax (SOP class) is not supported (3).</summary>
    AbstractSyntaxNotSupported = 3,

    /// <summary>None of the proposed transfer syntaxes is supported (4).</summary>
    TransferSyntaxesNotSupported = 4,
}
