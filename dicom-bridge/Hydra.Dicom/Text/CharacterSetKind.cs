namespace Hydra.Dicom.Text;

/// <summary>How the bytes of one character set are laid out (PS3.5 6.1.2.5 and Annex H-K).</summary>
internal enum CharacterSetKind
{
    /// <summary>ISO 646 in G0 plus an optional single-byte G1 set (ISO 8859-x, JIS X 0201, TIS 620).</summary>
    SingleByte,

    /// <summary>JIS X 0208 (ISO-IR 87): 7-bit byte pairs in G0.</summary>
    JisX0208,

    /// <summary>JIS X 0212 (ISO-IR 159): 7-bit byte pairs in G0.</summary>
    JisX0212,

    /// <summary>KS X 1001 (ISO-IR 149) or GB 2312 (ISO-IR 58): 8-bit byte pairs in G1, ASCII in G0.</summary>
    MultiByteG1,

    /// <summary>UTF-8, GB18030 and GBK: no code extensions (PS3.5 6.1.2.5.4 d).</summary>
    Stateless,
}
