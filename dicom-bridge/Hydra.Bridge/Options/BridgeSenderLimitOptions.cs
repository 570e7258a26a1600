using Hydra.Dicom.Network;

namespace Hydra.Bridge.Options;

/// <summary>
/// How the ingest port shares its associations, so that callers who connect and stay silent, or associate and stay
/// idle, cannot lock out the configured senders (<c>AllowedSenders</c> and <c>Sources</c>).
/// </summary>
public sealed class BridgeSenderLimitOptions
{
    /// <summary>
    /// Seconds from TCP accept to the A-ASSOCIATE-RQ (the PS3.8 ARTIM timer; TLS handshake included on the reader
    /// port) before the connection is closed. Defaults to 10.
    /// </summary>
    public double ArtimSeconds { get; set; } = 10;

    /// <summary>Most associations open at once on the ingest port. Defaults to 64.</summary>
    public int MaxAssociations { get; set; } = 64;

    /// <summary>
    /// Most associations open at once from one IP address, and most connections from it still silent (a newer one
    /// closes the oldest). Defaults to 16.
    /// </summary>
    public int MaxAssociationsPerAddress { get; set; } = 16;

    /// <summary>Most associations open at once for one calling AE title. Defaults to 16.</summary>
    public int MaxAssociationsPerSender { get; set; } = 16;

    /// <summary>
    /// Of <see cref="MaxAssociations"/>, how many only configured senders may take (none when no sender is configured).
    /// Defaults to 16.
    /// </summary>
    public int ReservedForKnownSenders { get; set; } = 16;

    /// <summary>Adds a message naming each setting out of range.</summary>
    public void Validate(List<string> failures)
    {
        const string Section = "Bridge:SenderLimits";
        if (ArtimSeconds is < 1 or > 300)
        {
            failures.Add($"{Section}:ArtimSeconds must be 1-300.");
        }

        if (MaxAssociations is < 1 or > 4096)
        {
            failures.Add($"{Section}:MaxAssociations must be 1-4096.");
        }

        foreach (var (setting, value) in new[] { ("MaxAssociationsPerAddress", MaxAssociationsPerAddress), ("MaxAssociationsPerSender", MaxAssociationsPerSender) })
        {
            if (value < 1 || value > MaxAssociations)
            {
                failures.Add($"{Section}:{setting} must be 1 to MaxAssociations.");
            }
        }

        if (ReservedForKnownSenders < 0 || ReservedForKnownSenders >= MaxAssociations)
        {
            failures.Add($"{Section}:ReservedForKnownSenders must be 0 to MaxAssociations - 1.");
        }
    }

    /// <summary>Applies these limits to the ingest server; the known senders are every configured calling AE title.</summary>
    internal void ApplyTo(DicomServerOptions server, IEnumerable<string> knownSenders)
    {
        server.ArtimTimeout = TimeSpan.FromSeconds(ArtimSeconds);
        server.MaxAssociations = MaxAssociations;
        server.MaxAssociationsPerAddress = MaxAssociationsPerAddress;
        server.MaxAssociationsPerCallingAeTitle = MaxAssociationsPerSender;
        server.ReservedAssociations = ReservedForKnownSenders;
        foreach (var sender in knownSenders)
        {
            server.KnownCallingAeTitles.Add(sender);
        }
    }
}
