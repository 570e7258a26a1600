namespace Hydra.Client.Auditing;

/// <summary>
/// Studies in key ids: the DICOM bridge names each image's key <c>study:instance</c> (both pseudonymous UIDs), so the
/// part before the first <c>:</c> groups an image with its study.
/// </summary>
public static class AuditStudy
{
    /// <summary>The study part of <paramref name="keyId"/>, or empty when it has none.</summary>
    public static string Of(string keyId)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        var colon = keyId.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? keyId[..colon] : string.Empty;
    }
}
