namespace Hydra.Bridge.Storage;

/// <summary>The logical names of the bridge's objects (FORMAT.md, "Objects"); an object store may add an attempt id.</summary>
internal static class ObjectNames
{
    public const string Extension = ".hydra";

    /// <summary>An image's object: <c>study/instance.hydra</c>.</summary>
    public static string RelativePathOf(string studyInstanceUid, string sopInstanceUid) =>
        Path.Combine(studyInstanceUid, sopInstanceUid + Extension);

    /// <summary>A quarantined original: <c>quarantine/id.hydra</c>.</summary>
    public static string QuarantinePathOf(string id) => Path.Combine("quarantine", id + Extension);

    /// <summary>A redacted image's review thumbnail: <c>review/sop.hydra</c>.</summary>
    public static string ReviewPathOf(string sopInstanceUid) => Path.Combine("review", sopInstanceUid + Extension);
}
