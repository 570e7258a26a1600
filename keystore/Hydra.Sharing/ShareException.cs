namespace Hydra.Sharing;

/// <summary>
/// Shares that cannot be combined or parsed. Messages name the shares' sources and positions, never share bytes.
/// </summary>
public sealed class ShareException : Exception
{
    public ShareException()
        : this(ShareErrorReason.Malformed, "The shares are invalid.")
    {
    }

    public ShareException(string message)
        : this(ShareErrorReason.Malformed, message)
    {
    }

    public ShareException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = ShareErrorReason.Malformed;
        Sources = [];
    }

    public ShareException(ShareErrorReason reason, string message, IReadOnlyList<string>? sources = null, bool moreSharesMayHelp = false)
        : base(message)
    {
        Reason = reason;
        Sources = sources ?? [];
        MoreSharesMayHelp = moreSharesMayHelp;
    }

    /// <summary>What was wrong.</summary>
    public ShareErrorReason Reason { get; }

    /// <summary>The sources (node ids, or share positions) the failure concerns; empty when it concerns none in particular.</summary>
    public IReadOnlyList<string> Sources { get; }

    /// <summary>True when fetching further shares of the same split could let reconstruction succeed.</summary>
    public bool MoreSharesMayHelp { get; }
}
