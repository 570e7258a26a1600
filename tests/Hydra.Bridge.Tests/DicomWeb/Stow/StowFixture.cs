using Hydra.Bridge.Options;
using Hydra.CertsDev;

namespace Hydra.Bridge.Tests.DicomWeb.Stow;

/// <summary>
/// A bridge whose STOW-RS sender is the admin's certificate (source <see cref="Source"/>, default ACL: the reader may
/// read what it stores), with small limits so bad input is cheap.
/// </summary>
public sealed class StowFixture : DicomWebFixture
{
    public const string Source = "STOWPACS";

    /// <summary>The largest part the bridge takes: a 64x64 sample is ~9 KB, a 512x512 one ~525 KB.</summary>
    public const long MaxInstanceBytes = 4L * 1024 * 1024;

    public const int MaxInstancesPerRequest = 120;

    public string SenderDn => Pki.User(DevUser.Admin).SubjectDn;

    /// <summary>The STOW-RS settings, also for a second bridge in a test.</summary>
    public override void Configure(BridgeOptions options)
    {
        options.DicomWeb.Senders["dn:" + SenderDn] = Source;
        options.DicomWeb.MaxInstanceBytes = MaxInstanceBytes;
        options.DicomWeb.MaxInstancesPerRequest = MaxInstancesPerRequest;
    }
}
