namespace Hydra.Dicom.Network.Pdu;

/// <summary>A presentation context item of the A-ASSOCIATE-RQ (PS3.8 9.3.2.2): one abstract syntax, one or more transfer syntaxes.</summary>
internal sealed record PresentationContextProposal(byte Id, string AbstractSyntax, IReadOnlyList<string> TransferSyntaxes);
