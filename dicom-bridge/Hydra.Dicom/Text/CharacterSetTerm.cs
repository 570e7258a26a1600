using System.Text;

namespace Hydra.Dicom.Text;

/// <summary>One Defined Term of Specific Character Set (PS3.3 C.12.1.1.2) and how to decode it.</summary>
/// <param name="Term">The Defined Term, e.g. "ISO 2022 IR 87".</param>
/// <param name="Encoding">Decodes the term's bytes (for JIS X 0208/0212 after conversion to EUC-JP).</param>
/// <param name="Escape">The escape sequence that designates the set (PS3.3 Tables C.12-3 and C.12-4); empty if none.</param>
/// <param name="Kind">Byte layout of the set.</param>
internal sealed record CharacterSetTerm(string Term, Encoding Encoding, byte[] Escape, CharacterSetKind Kind);
