namespace Hydra.Bridge.Options;

/// <summary>Where the ciphertext objects (images, quarantined originals, review thumbnails) are kept (section <c>Bridge:Objects</c>).</summary>
public sealed class BridgeObjectOptions
{
    public const string FolderBackend = "Folder";
    public const string S3Backend = "S3";

    /// <summary>
    /// <c>Folder</c> (the default: <c>DataDirectory/objects</c>, fsynced and renamed into place) or <c>S3</c> (an
    /// S3-compatible object store, <see cref="S3"/>).
    /// </summary>
    public string Backend { get; set; } = FolderBackend;

    /// <summary>The S3 store, used when <see cref="Backend"/> is <c>S3</c>.</summary>
    public BridgeS3Options S3 { get; set; } = new();

    public bool IsS3 => string.Equals(Backend, S3Backend, StringComparison.Ordinal);
}

/// <summary>An S3-compatible object store (AWS S3, Ceph RGW, MinIO). The secret key is read from a file or an environment variable, never from appsettings.</summary>
public sealed class BridgeS3Options
{
    public const int MinPartSizeBytes = 5 << 20;

    /// <summary>The store's address, e.g. <c>https://s3.example.org</c> or <c>http://127.0.0.1:7480</c>. Required.</summary>
    public string ServiceUrl { get; set; } = string.Empty;

    /// <summary>The bucket (it must exist). Required.</summary>
    public string Bucket { get; set; } = string.Empty;

    /// <summary>A key prefix under which every object of this bridge goes, e.g. <c>bridge-a/</c>. Defaults to none.</summary>
    public string Prefix { get; set; } = string.Empty;

    /// <summary>The region requests are signed for. Defaults to <c>us-east-1</c> (what Ceph and MinIO accept).</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>The access key id (not secret). Required.</summary>
    public string AccessKeyId { get; set; } = string.Empty;

    /// <summary>A file (mode 600) holding the secret key. One of this and <see cref="SecretKeyVariable"/> is required.</summary>
    public string SecretKeyFile { get; set; } = string.Empty;

    /// <summary>The name of an environment variable holding the secret key (e.g. <c>HYDRA_S3_SECRET</c>).</summary>
    public string SecretKeyVariable { get; set; } = string.Empty;

    /// <summary>
    /// Objects larger than this go up as a multipart upload in parts of this size, streamed as they are encrypted (about
    /// two parts in memory per upload); smaller ones in one PUT. At least 5 MiB (S3's minimum part). Defaults to 8 MiB.
    /// </summary>
    public int PartSizeBytes { get; set; } = 8 << 20;

    /// <summary>Readers fetch objects in ranged GETs of this size, one range ahead. 64 KiB-64 MiB; defaults to 4 MiB.</summary>
    public int ReadRangeBytes { get; set; } = 4 << 20;

    /// <summary>Path-style addresses (<c>host/bucket/key</c>), which Ceph and MinIO need. Defaults to true.</summary>
    public bool ForcePathStyle { get; set; } = true;

    /// <summary>Seconds one request may take before the store counts as unavailable. Defaults to 30.</summary>
    public int RequestTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// At start, unfinished multipart uploads under <see cref="Prefix"/> older than this many minutes (a crashed
    /// bridge's) are aborted. Defaults to 10; 0 aborts every one (only for a bridge that is alone on its prefix).
    /// </summary>
    public int LeftoverUploadMinutes { get; set; } = 10;

    internal void Validate(List<string> failures)
    {
        const string Section = "Bridge:Objects:S3";
        if (!Uri.TryCreate(ServiceUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{Section}:ServiceUrl must be an http or https address (it is '{ServiceUrl}').");
        }

        if (Bucket.Length is < 3 or > 63 || !Bucket.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.'))
        {
            failures.Add($"{Section}:Bucket must be an S3 bucket name: 3-63 lower-case letters, digits, '-' or '.' (it is '{Bucket}').");
        }

        if (string.IsNullOrWhiteSpace(AccessKeyId))
        {
            failures.Add($"{Section}:AccessKeyId is required.");
        }

        if (string.IsNullOrWhiteSpace(SecretKeyFile) == string.IsNullOrWhiteSpace(SecretKeyVariable))
        {
            failures.Add($"{Section}: set exactly one of SecretKeyFile and SecretKeyVariable (the secret key never goes in appsettings).");
        }
        else if (!string.IsNullOrWhiteSpace(SecretKeyFile) && !File.Exists(SecretKeyFile))
        {
            failures.Add($"{Section}:SecretKeyFile: file '{SecretKeyFile}' does not exist.");
        }
        else if (!string.IsNullOrWhiteSpace(SecretKeyVariable) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(SecretKeyVariable)))
        {
            failures.Add($"{Section}:SecretKeyVariable: the environment variable '{SecretKeyVariable}' is not set.");
        }

        if (PartSizeBytes is < MinPartSizeBytes or > 1 << 30)
        {
            failures.Add($"{Section}:PartSizeBytes must be 5 MiB (S3's smallest part but the last) to 1 GiB (it is {PartSizeBytes}).");
        }

        if (ReadRangeBytes is < 64 << 10 or > 64 << 20)
        {
            failures.Add($"{Section}:ReadRangeBytes must be 64 KiB-64 MiB (it is {ReadRangeBytes}).");
        }

        if (RequestTimeoutSeconds is < 1 or > 3600)
        {
            failures.Add($"{Section}:RequestTimeoutSeconds must be 1-3600.");
        }

        if (LeftoverUploadMinutes is < 0 or > 7 * 24 * 60)
        {
            failures.Add($"{Section}:LeftoverUploadMinutes must be 0-10080.");
        }

        if (Prefix.StartsWith('/') || Prefix.Contains("..", StringComparison.Ordinal))
        {
            failures.Add($"{Section}:Prefix must not start with '/' nor contain '..' (it is '{Prefix}').");
        }
    }

    /// <summary>The secret key, from its file or variable.</summary>
    internal string ReadSecretKey() =>
        string.IsNullOrWhiteSpace(SecretKeyFile)
            ? Environment.GetEnvironmentVariable(SecretKeyVariable) ?? string.Empty
            : File.ReadAllText(SecretKeyFile).Trim();
}
