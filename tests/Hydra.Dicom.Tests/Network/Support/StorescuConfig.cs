using System.Globalization;

namespace Hydra.Dicom.Tests.Network.Support;

/// <summary>
/// A dcmtk association negotiation profile (storescu <c>-xf file profile</c>) proposing exactly one SOP class in exactly
/// one transfer syntax: how storescu sends a file in its own syntax, whatever it is.
/// </summary>
public static class StorescuConfig
{
    public const string Profile = "Exact";

    public static string Write(string folder, string sopClassUid, string transferSyntaxUid)
    {
        var path = Path.Combine(folder, "storescu-" + Guid.NewGuid().ToString("N") + ".cfg");
        File.WriteAllText(path, string.Create(CultureInfo.InvariantCulture, $"""
            [[TransferSyntaxes]]
            [TS]
            TransferSyntax1 = {transferSyntaxUid}

            [[PresentationContexts]]
            [PC]
            PresentationContext1 = {sopClassUid}\TS

            [[Profiles]]
            [{Profile}]
            PresentationContexts = PC

            """));
        return path;
    }
}
