using System.Security.Cryptography.X509Certificates;
using Hydra.Bridge.Options;
using Hydra.Dicom.Deidentification;
using Hydra.Dicom.Redaction;

namespace Hydra.Bridge.Hosting;

/// <summary>
/// The de-identifier as configured: the bridge secret, re-identification recipients, per-sender profiles, and the
/// pixel cleaner that scans every image for burned-in text.
/// </summary>
internal static class DeidentifierFactory
{
    public static DicomDeidentifier Create(BridgeOptions options, IPixelCleaner? pixelCleaner)
    {
        var deidentification = new DeidentificationOptions
        {
            BridgeSecret = BridgeSecret.LoadOrCreate(SecretPath(options)),
        };
        foreach (var path in options.ReidentificationCertificates)
        {
            deidentification.ReidentificationRecipients.Add(X509CertificateLoader.LoadCertificateFromFile(path));
        }

        foreach (var (source, settings) in options.Sources)
        {
            deidentification.SourceProfiles[source] = Profile(settings);
        }

        deidentification.Validate();
        return new DicomDeidentifier(deidentification, pixelCleaner);
    }

    /// <summary>
    /// The OCR pixel cleaner as <c>Bridge:PixelCleaning</c> says, loaded at start-up so a missing Tesseract fails the
    /// start, not an image; null when it is disabled.
    /// </summary>
    public static IPixelCleaner? CreatePixelCleaner(IServiceProvider services)
    {
        var options = services.GetRequiredService<BridgeOptions>().PixelCleaning;
        return options.Enabled ? new PixelCleaner(options, services.GetRequiredService<ILogger<PixelCleaner>>()) : null;
    }

    public static string SecretPath(BridgeOptions options) =>
        string.IsNullOrWhiteSpace(options.SecretFile) ? Path.Combine(options.DataDirectory, "bridge.secret") : options.SecretFile;

    private static DeidentificationProfile Profile(BridgeSourceOptions settings)
    {
        var profile = DeidentificationProfile.Default;
        if (settings.Options.Count > 0)
        {
            profile = profile with
            {
                Options = settings.Options.Aggregate(ConfidentialityOptions.None, (all, name) => all | Enum.Parse<ConfidentialityOptions>(name)),
            };
        }

        if (settings.BurnedInAnnotation.Length > 0)
        {
            profile = profile with { BurnedInAnnotation = Enum.Parse<BurnedInAnnotationPolicy>(settings.BurnedInAnnotation) };
        }

        return profile;
    }
}
