namespace Hydra.Keystore.Sealing;

/// <summary>A data key as stored beside the data it seals: wrapped, with its check value and what wrapped it.</summary>
/// <param name="Kind">What wrapped it.</param>
/// <param name="Mechanism">How (FORMAT.md section 2).</param>
/// <param name="Wrapped">The wrapped key.</param>
/// <param name="CheckValue">The data key's check value (<see cref="EnvelopeCipher.CheckValue"/>).</param>
/// <param name="Description">The wrapping key's description at the time, for errors; not authenticated.</param>
public sealed record WrappedDataKey(SealKind Kind, string Mechanism, byte[] Wrapped, byte[] CheckValue, string Description);
