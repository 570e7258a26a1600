namespace Hydra.Sharing;

/// <summary>The verified key of one split and which of its sources were used or found bad.</summary>
internal sealed record RebuiltSplit(byte[] Key, IReadOnlyList<string> Used, IReadOnlyList<string> Bad);
